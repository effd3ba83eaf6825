import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { getPreferences, updatePreferences } from "./preferences";

describe.each(TEST_DRIVERS)("updatePreferences on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  it("stores the language and the digits, leaves the rest as it was, and audits the change", async () => {
    const { db } = world;
    const actor = await makeActor(db, "reviewer");
    await updatePreferences(db, actor, { revealGraphicMedia: true });
    expect(await getPreferences(db, actor)).toEqual({ revealGraphicMedia: true, lowBandwidth: false, deviceDrafts: true, locale: null, digits: "latn" });

    const saved = await updatePreferences(db, actor, { locale: "ar", digits: "arab" });
    expect(saved).toEqual({ revealGraphicMedia: true, lowBandwidth: false, deviceDrafts: true, locale: "ar", digits: "arab" });
    expect(await getPreferences(db, actor)).toEqual({ revealGraphicMedia: true, lowBandwidth: false, deviceDrafts: true, locale: "ar", digits: "arab" });
    expect(await getPreferences(db, actor)).toMatchObject({ locale: "ar", digits: "arab" });
    const events = await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` });
    expect(events.items.at(-1)).toMatchObject({
      type: "user.preferences_changed",
      data: { changes: { locale: { before: null, after: "ar" }, digits: { before: "latn", after: "arab" } } },
    });

    // "Follow my browser" is null: the language is cleared, the digits stay.
    expect(await updatePreferences(db, actor, { locale: null })).toEqual({ revealGraphicMedia: true, lowBandwidth: false, deviceDrafts: true, locale: null, digits: "arab" });
    expect(await getPreferences(db, actor)).toMatchObject({ locale: null, digits: "arab" });
  });

  it("device drafts are kept by default, and turned off (for a phone that may be seized) alone, audited", async () => {
    const { db } = world;
    const actor = await makeActor(db, "submitter");
    expect((await getPreferences(db, actor)).deviceDrafts).toBe(true);
    expect(await updatePreferences(db, actor, { deviceDrafts: false })).toMatchObject({ deviceDrafts: false, revealGraphicMedia: false, lowBandwidth: false });
    expect((await getPreferences(db, actor)).deviceDrafts).toBe(false);
    const events = await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` });
    expect(events.items.at(-1)).toMatchObject({ type: "user.preferences_changed", data: { changes: { deviceDrafts: { before: true, after: false } } } });
    const refused = await rejection(updatePreferences(db, actor, { deviceDrafts: "no" }));
    expect(Object.keys(refused.details.fieldErrors ?? {})).toEqual(["deviceDrafts"]);
    expect((await getPreferences(db, actor)).deviceDrafts).toBe(false);
  });

  it("refuses a language or digits it does not have, naming the field, and changes nothing", async () => {
    const { db } = world;
    const actor = await makeActor(db, "submitter");
    await updatePreferences(db, actor, { locale: "en", digits: "latn" });
    const badLocale = await rejection(updatePreferences(db, actor, { locale: "fr" }));
    expect(badLocale.code).toBe("BAD_REQUEST");
    expect(Object.keys(badLocale.details.fieldErrors ?? {})).toEqual(["locale"]);
    const badDigits = await rejection(updatePreferences(db, actor, { digits: "roman" }));
    expect(badDigits.code).toBe("BAD_REQUEST");
    expect(Object.keys(badDigits.details.fieldErrors ?? {})).toEqual(["digits"]);
    expect(await getPreferences(db, actor)).toEqual({ revealGraphicMedia: false, lowBandwidth: false, deviceDrafts: true, locale: "en", digits: "latn" });
  });
});
