import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks } from "@/db/schema";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { hashToken } from "./api-tokens";
import { consumeLink, findLiveLink, issueLink } from "./one-time-links";

describe.each(TEST_DRIVERS)("one-time links on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  it("stores only the token's hash, works once, for its purpose only, and a new link supersedes the old", async () => {
    const { db } = world;
    const person = await makeActor(db, "reviewer");
    const link = await db.transaction((tx) => issueLink(tx, person.id, "password_reset", null));
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.path).toBe(`/reset-password/${link.token}`);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    const [row] = await db.select().from(accountLinks).where(eq(accountLinks.id, link.id));
    expect(row.tokenHash).toBe(hashToken(link.token));
    expect(JSON.stringify(row)).not.toContain(link.token);

    expect(await findLiveLink(db, link.token, "invitation")).toBeNull();
    expect(await findLiveLink(db, link.token, "password_reset")).toMatchObject({ id: link.id, userId: person.id });
    // Two uses at once: one wins.
    const uses = await Promise.all([0, 1].map(() => db.transaction((tx) => consumeLink(tx, link.token, "password_reset"))));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await findLiveLink(db, link.token, "password_reset")).toBeNull();

    const first = await db.transaction((tx) => issueLink(tx, person.id, "invitation", world.admin.id));
    const second = await db.transaction((tx) => issueLink(tx, person.id, "invitation", world.admin.id));
    expect(first.path).toBe(`/invite/${first.token}`);
    expect(await db.transaction((tx) => consumeLink(tx, first.token, "invitation"))).toBeNull();
    expect(await db.transaction((tx) => consumeLink(tx, second.token, "invitation"))).toMatchObject({ id: second.id, userId: person.id });
  });

  it("refuses expired, forged and malformed tokens without touching the database's answer", async () => {
    const { db } = world;
    const person = await makeActor(db, "submitter");
    const link = await db.transaction((tx) => issueLink(tx, person.id, "invitation", null));
    await db.update(accountLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountLinks.id, link.id));
    expect(await findLiveLink(db, link.token, "invitation")).toBeNull();
    expect(await db.transaction((tx) => consumeLink(tx, link.token, "invitation"))).toBeNull();
    const flipped = link.token.slice(0, -1) + (link.token.endsWith("A") ? "B" : "A");
    for (const forged of [flipped, "", "x".repeat(43), link.token + "x", "../../etc/passwd", "\u0000".repeat(43), "٣".repeat(43)]) {
      expect(await findLiveLink(db, forged, "invitation")).toBeNull();
      expect(await db.transaction((tx) => consumeLink(tx, forged, "invitation"))).toBeNull();
    }
  });
});
