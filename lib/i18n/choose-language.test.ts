import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import { getPreferences } from "@/lib/users/preferences";
import { chooseLanguage } from "./choose-language";

const ORIGIN = "https://corroborate.example";

describe.each(TEST_DRIVERS)("the language switch on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  it("keeps a signed-in person's choice as their setting and comes back to the page", async () => {
    const db = world.db;
    const user = await createUser(db, SYSTEM_ACTOR, { email: `lang-${Date.now()}@example.test`, name: "Lina", role: "reviewer", password: "a long enough password" });
    const actor = { id: user.id, role: "reviewer" as const, name: "Lina" };
    expect(await getPreferences(db, actor)).toMatchObject({ locale: null, digits: "latn" });
    const chosen = await chooseLanguage(db, actor, { locale: "ar", returnTo: "/claims?state=review" }, ORIGIN);
    expect(chosen).toEqual({ locale: "ar", redirectTo: "/claims?state=review" });
    expect(await getPreferences(db, actor)).toMatchObject({ locale: "ar", digits: "latn" });
    // Choosing it again changes nothing, so nothing is written or audited.
    await chooseLanguage(db, actor, { locale: "ar", returnTo: "/claims" }, ORIGIN);
    const audited = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.type, "user.preferences_changed"), eq(auditEvents.entityId, actor.id)));
    expect(audited).toHaveLength(1);
  });

  it("moves a public page to the chosen language's address, and never leaves the site", async () => {
    expect((await chooseLanguage(world.db, null, { locale: "ar", returnTo: "/entries/x" }, ORIGIN)).redirectTo).toBe("/ar/entries/x");
    expect((await chooseLanguage(world.db, null, { locale: "en", returnTo: "/ar/methodology" }, ORIGIN)).redirectTo).toBe("/methodology");
    expect((await chooseLanguage(world.db, null, { locale: "en", returnTo: "/ar" }, ORIGIN)).redirectTo).toBe("/");
    expect((await chooseLanguage(world.db, null, { locale: "ar", returnTo: "https://evil.example/x" }, ORIGIN)).redirectTo).toBe("/ar");
    expect((await chooseLanguage(world.db, null, { locale: "ar", returnTo: "//evil.example" }, ORIGIN)).redirectTo).toBe("/ar");
  });

  it("refuses a language we do not have, and changes nothing", async () => {
    await expect(chooseLanguage(world.db, null, { locale: "xx" }, ORIGIN)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
