import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks, auditEvents, sessions, users } from "@/db/schema";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import type { Role } from "@/lib/vocabulary";
import { findLiveLink, issueLink } from "./one-time-links";
import { authenticateOrganisation } from "./organisation-sign-in";

const WHERE = { address: "203.0.113.9", userAgent: "Test browser" };
let counter = 0;

describe.each(TEST_DRIVERS)("authenticateOrganisation on %s", (driver) => {
  const world = useTestWorld(driver);

  /** A person an admin created (joined) or invited (not yet joined), with no password either way. */
  async function person({ role = "reviewer", joined = true, active = true, subject = null }: { role?: Role; joined?: boolean; active?: boolean; subject?: string | null } = {}) {
    const n = ++counter;
    const email = `org-${n}@example.test`;
    const [row] = await world.db
      .insert(users)
      .values({ email, name: `Org person ${n}`, role, joinedAt: joined ? new Date() : null, isActive: active, oidcSubject: subject })
      .returning({ id: users.id });
    return { id: row.id, email, subject: `subject-${n}` };
  }

  async function eventsOf(userId: string) {
    return world.db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
      .orderBy(desc(auditEvents.seq));
  }

  async function stored(userId: string) {
    const [row] = await world.db.select({ oidcSubject: users.oidcSubject, joinedAt: users.joinedAt, role: users.role }).from(users).where(eq(users.id, userId));
    return row;
  }

  async function sessionsOf(userId: string) {
    return world.db.select({ id: sessions.id, method: sessions.method, address: sessions.address, userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.userId, userId));
  }

  it("an invited person joins at their first organisation sign-in: subject bound, user.joined (oidc), invitation link dead, an oidc session", async () => {
    const p = await person({ role: "editor", joined: false });
    const link = await world.db.transaction((tx) => issueLink(tx, p.id, "invitation", null));
    const result = await authenticateOrganisation(world.db, { subject: p.subject, email: p.email.toUpperCase(), emailVerified: true }, WHERE);
    expect(result).toMatchObject({ ok: true, user: { id: p.id, email: p.email, role: "editor" }, awaitingSecondFactor: false });
    const row = await stored(p.id);
    expect(row.oidcSubject).toBe(p.subject);
    expect(row.joinedAt).toBeInstanceOf(Date);
    expect(await findLiveLink(world.db, link.token, "invitation")).toBeNull();
    expect(await sessionsOf(p.id)).toEqual([{ id: result.ok ? result.sessionId : "", method: "oidc", address: WHERE.address, userAgent: WHERE.userAgent }]);
    const events = await eventsOf(p.id);
    expect(events.map((e) => e.type)).toEqual(["auth.sign_in_succeeded", "user.joined"]);
    expect(events[1]).toEqual({ type: "user.joined", actorId: p.id, data: { method: "oidc" } });
    expect(events[0].data).toEqual({ method: "oidc", sessionId: result.ok ? result.sessionId : "" });
    expect(JSON.stringify(events)).not.toContain(link.token);
    expect((await verifyAuditChainUnchecked(world.db)).ok).toBe(true);

    // The next sign-in finds them joined: no second user.joined.
    const again = await authenticateOrganisation(world.db, { subject: p.subject, email: p.email, emailVerified: true }, WHERE);
    expect(again.ok).toBe(true);
    expect((await eventsOf(p.id)).filter((e) => e.type === "user.joined")).toHaveLength(1);
    expect((await stored(p.id)).joinedAt!.getTime()).toBe(row.joinedAt!.getTime());
  });

  it("a person an admin created (joined, no password) signs in; their role is Corroborate's", async () => {
    const p = await person({ role: "submitter" });
    const result = await authenticateOrganisation(world.db, { subject: p.subject, email: p.email, emailVerified: true }, WHERE);
    expect(result).toMatchObject({ ok: true, user: { id: p.id, role: "submitter" } });
    expect((await eventsOf(p.id)).map((e) => e.type)).toEqual(["auth.sign_in_succeeded"]);
  });

  it("an unknown e-mail is refused, and no one is created", async () => {
    const before = await world.db.select({ id: users.id }).from(users);
    const result = await authenticateOrganisation(world.db, { subject: "stranger", email: "nobody-here@example.test", emailVerified: true }, WHERE);
    expect(result).toEqual({ ok: false, reason: "not_invited" });
    expect(await world.db.select({ id: users.id }).from(users)).toHaveLength(before.length);
  });

  it("an e-mail the provider did not verify matches no one", async () => {
    const p = await person();
    for (const emailVerified of [false, undefined, "true", 1]) {
      expect(await authenticateOrganisation(world.db, { subject: p.subject, email: p.email, emailVerified }, WHERE)).toEqual({ ok: false, reason: "unverified" });
    }
    expect(await authenticateOrganisation(world.db, { subject: p.subject, email: null, emailVerified: true }, WHERE)).toEqual({ ok: false, reason: "unverified" });
    expect(await authenticateOrganisation(world.db, { subject: "", email: p.email, emailVerified: true }, WHERE)).toEqual({ ok: false, reason: "unverified" });
    expect((await stored(p.id)).oidcSubject).toBeNull();
    expect(await sessionsOf(p.id)).toEqual([]);
  });

  it("a deactivated person is refused (audited inactive), and their subject is not bound", async () => {
    const p = await person({ active: false });
    expect(await authenticateOrganisation(world.db, { subject: p.subject, email: p.email, emailVerified: true }, WHERE)).toEqual({ ok: false, reason: "not_invited" });
    expect(await eventsOf(p.id)).toEqual([{ type: "auth.sign_in_failed", actorId: null, data: { reason: "inactive" } }]);
    expect((await stored(p.id)).oidcSubject).toBeNull();
    expect(await sessionsOf(p.id)).toEqual([]);
  });

  it("once bound, another subject with the same e-mail is refused (identity_mismatch); the bound one still works", async () => {
    const p = await person({ subject: "the-first-one" });
    const result = await authenticateOrganisation(world.db, { subject: "a-new-account", email: p.email, emailVerified: true }, WHERE);
    expect(result).toEqual({ ok: false, reason: "identity_mismatch" });
    expect(await eventsOf(p.id)).toEqual([{ type: "auth.sign_in_failed", actorId: null, data: { reason: "identity_mismatch" } }]);
    expect((await stored(p.id)).oidcSubject).toBe("the-first-one");
    expect(await sessionsOf(p.id)).toEqual([]);
    expect((await authenticateOrganisation(world.db, { subject: "the-first-one", email: p.email, emailVerified: true }, WHERE)).ok).toBe(true);
  });

  it("a subject bound to one person does not also bind to another address's person", async () => {
    const first = await person({ subject: "shared-subject" });
    const second = await person();
    const result = await authenticateOrganisation(world.db, { subject: "shared-subject", email: second.email, emailVerified: true }, WHERE);
    expect(result).toEqual({ ok: false, reason: "identity_mismatch" });
    expect((await stored(second.id)).oidcSubject).toBeNull();
    expect((await stored(first.id)).oidcSubject).toBe("shared-subject");
  });

  it("a person with a second factor gets a session that still owes it", async () => {
    const p = await person();
    await world.db.update(users).set({ totpEnabledAt: new Date(), totpSecret: "sealed" }).where(eq(users.id, p.id));
    const result = await authenticateOrganisation(world.db, { subject: p.subject, email: p.email, emailVerified: true }, WHERE);
    expect(result).toMatchObject({ ok: true, awaitingSecondFactor: true });
    const [row] = await world.db.select({ awaiting: sessions.awaitingSecondFactor }).from(sessions).where(eq(sessions.userId, p.id));
    expect(row.awaiting).toBe(true);
  });

  it("keeps the invitation link of a person it refuses", async () => {
    const p = await person({ joined: false, subject: "someone-else" });
    const link = await world.db.transaction((tx) => issueLink(tx, p.id, "invitation", null));
    expect((await authenticateOrganisation(world.db, { subject: p.subject, email: p.email, emailVerified: true }, WHERE)).ok).toBe(false);
    expect(await findLiveLink(world.db, link.token, "invitation")).not.toBeNull();
    expect((await stored(p.id)).joinedAt).toBeNull();
    expect(await world.db.select({ id: accountLinks.id }).from(accountLinks).where(eq(accountLinks.userId, p.id))).toHaveLength(1);
  });
});
