import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { getNotificationPreferences, setNotificationPreferences } from "./preferences";
import { getNotificationSettings, setNotificationSettings } from "./settings";

describe.each(TEST_DRIVERS)("notification settings and preferences on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["reviewer", "admin"] });

  it("lets only an admin set the reminder's days and titles in mail, within bounds, audited once per change", async () => {
    const { db } = world;
    expect(await getNotificationSettings(db, world.admin)).toEqual({ reminderDays: 3, titlesInMail: false });
    await expect(setNotificationSettings(db, world.reviewer, { reminderDays: 5, titlesInMail: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getNotificationSettings(db, world.reviewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const reminderDays of [0, 91, 2.5, "many"]) {
      await expect(setNotificationSettings(db, world.admin, { reminderDays, titlesInMail: false })).rejects.toMatchObject({ code: "BAD_REQUEST", details: { fieldErrors: { reminderDays: expect.any(Array) } } });
    }
    expect(await setNotificationSettings(db, world.admin, { reminderDays: "7", titlesInMail: true })).toEqual({ reminderDays: 7, titlesInMail: true });
    await setNotificationSettings(db, world.admin, { reminderDays: 7, titlesInMail: true });
    const events = await listAuditEvents(db, world.admin, { type: "settings.notifications_changed" });
    expect(events.items.map((e) => e.data)).toEqual([{ changes: { reminderDays: { before: 3, after: 7 }, titlesInMail: { before: false, after: true } } }]);
  });

  it("keeps one's own choices per kind, refuses a delivery it does not have, and audits each change as the person's preferences", async () => {
    const { db } = world;
    expect(await getNotificationPreferences(db, world.reviewer)).toEqual({ mentioned: "email", assigned: "email", submitted_changed: "app", watched_changed: "app", sent_to_review: "app", reminder: "digest" });
    await expect(setNotificationPreferences(db, world.reviewer, { mentioned: "sms" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(setNotificationPreferences(db, world.reviewer, { poked: "app" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await setNotificationPreferences(db, world.reviewer, { reminder: "off", mentioned: "digest" })).toMatchObject({ reminder: "off", mentioned: "digest", assigned: "email" });
    await setNotificationPreferences(db, world.reviewer, { reminder: "off" });
    expect(await getNotificationPreferences(db, world.admin)).toMatchObject({ reminder: "digest" });
    const events = await listAuditEvents(db, world.admin, { entity: `user:${world.reviewer.id}` });
    expect(events.items.filter((e) => e.type === "user.preferences_changed").map((e) => e.data)).toEqual([
      { changes: { "notifications.mentioned": { before: "email", after: "digest" }, "notifications.reminder": { before: "digest", after: "off" } } },
    ]);
  });
});
