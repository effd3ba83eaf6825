import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks, auditEvents, mailOutbox, users } from "@/db/schema";
import { MARKUP, SQL, UNICODE, UNSTORABLE } from "@/e2e/security/support/attack-corpus";
import { issueLink } from "@/lib/auth/one-time-links";
import { rowCount } from "@/lib/test/counts";
import { rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { acceptInvitation, findInvitation } from "./accept-invitation";
import { inviteUser } from "./invite-user";

const PASSWORD = "a long enough password";
let counter = 0;

/**
 * Invitation links under attack (issue 19's security family): forged, expired, reused, superseded,
 * of another purpose, hostile text in the token's place, and the same link sent twice at once. A
 * refused link changes nothing: no password, no join, no audit event, the person as they were.
 */
describe.each(TEST_DRIVERS)("invitation links under attack on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  async function invite() {
    const { db } = world;
    const email = `attacked-${++counter}-${Date.now()}@example.test`;
    const { userId } = await inviteUser(db, world.admin, { email, role: "editor" }, { askedOrigin: "http://attacks.test" });
    const [mail] = await db.select({ text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, email));
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    return { email, userId, token };
  }

  /** Tries a token; expects the refusal and that nothing about the person or the audit log moved. */
  async function expectRefused(token: unknown, userId: string) {
    const { db } = world;
    const before = { events: await rowCount(db, "audit_events"), user: await personRow(userId) };
    const refused = await rejection(acceptInvitation(db, { token, name: "Intruder", password: PASSWORD, passwordAgain: PASSWORD } as never));
    expect(["INVALID_STATE", "BAD_REQUEST"]).toContain(refused.code);
    expect(refused.message).not.toMatch(/\b[A-Za-z0-9_-]{43}\b/);
    expect(await rowCount(db, "audit_events")).toBe(before.events);
    expect(await personRow(userId)).toEqual(before.user);
  }

  async function personRow(userId: string) {
    const [row] = await world.db.select({ name: users.name, passwordHash: users.passwordHash, joinedAt: users.joinedAt }).from(users).where(eq(users.id, userId));
    return row;
  }

  it("refuses forged tokens: random, near-misses of a real one, hostile text, wrong types", async () => {
    const { userId, token } = await invite();
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const forged: unknown[] = [
      "A".repeat(43),
      flipped,
      token.slice(0, 42),
      `${token}A`,
      ` ${token}`,
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
      // The stored hash, in the token's place.
      createHash("sha256").update(token).digest("hex"),
      ...[...MARKUP, ...SQL, ...UNICODE, ...UNSTORABLE].map((p) => p.value),
      "",
      null,
      42,
      { $ne: "" },
      [token],
    ];
    for (const attempt of forged) await expectRefused(attempt, userId);
    expect(await findInvitation(world.db, flipped)).toBeNull();
    // The real link still works afterwards: the attempts used nothing up.
    expect(await findInvitation(world.db, token)).not.toBeNull();
  });

  it("refuses an expired link, a reused one, a superseded one, and a password-reset link in an invitation's place", async () => {
    const { db } = world;
    const expired = await invite();
    await db.update(accountLinks).set({ expiresAt: new Date(Date.now() - 1) }).where(and(eq(accountLinks.userId, expired.userId), eq(accountLinks.purpose, "invitation")));
    await expectRefused(expired.token, expired.userId);

    const reused = await invite();
    await acceptInvitation(db, { token: reused.token, name: "The invitee", password: PASSWORD, passwordAgain: PASSWORD });
    await expectRefused(reused.token, reused.userId);
    expect((await personRow(reused.userId)).name).toBe("The invitee");

    const superseded = await invite();
    await inviteUser(db, world.admin, { email: superseded.email, role: "editor" }, { askedOrigin: "http://attacks.test" });
    await expectRefused(superseded.token, superseded.userId);

    const other = await invite();
    const reset = await db.transaction((tx) => issueLink(tx, other.userId, "password_reset", null));
    await expectRefused(reset.token, other.userId);
  });

  it("the same link sent twice at once joins the person once", async () => {
    const { db } = world;
    const { userId, token } = await invite();
    const attempts = await Promise.allSettled(
      ["First", "Second"].map((name) => acceptInvitation(db, { token, name, password: `${PASSWORD} ${name}`, passwordAgain: `${PASSWORD} ${name}` })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const joined = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.type, "user.joined"), eq(auditEvents.entityId, userId)));
    expect(joined).toHaveLength(1);
  });
});
