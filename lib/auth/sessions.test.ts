import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import { updatePreferences } from "@/lib/users/preferences";
import { updateUser } from "@/lib/users/update-user";
import { authenticateCredentials } from "./authenticate";
import { SYSTEM_ACTOR } from "./permissions";
import { endSession, findActorBySession, findSignedIn, LAST_SEEN_EVERY_MS, PRUNE_AFTER_MS, SESSION_MAX_AGE_SECONDS } from "./sessions";

const PASSWORD = "correct horse battery staple";
const HOUR = 60 * 60 * 1000;
let counter = 0;

describe.each(TEST_DRIVERS)("sessions on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  /** A fresh account signed in through the credentials check, as Auth.js's authorize does it. */
  async function signedIn(userAgent: string | null = "Mozilla/5.0 (test)") {
    const n = ++counter;
    const email = `session-${n}-${Date.now()}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Session person ${n}`, role: "reviewer", password: PASSWORD });
    return { user, email, ...(await signIn(email, userAgent)) };
  }

  async function signIn(email: string, userAgent: string | null = "Mozilla/5.0 (test)") {
    const result = await authenticateCredentials(world.db, { email, password: PASSWORD, address: `192.0.2.${++counter % 250}`, userAgent });
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    return { claims: { sessionId: result.sessionId, userId: result.user.id, sessionVersion: result.user.sessionVersion } };
  }

  async function rowOf(sessionId: string) {
    const [row] = await world.db.select().from(sessions).where(eq(sessions.id, sessionId));
    return row;
  }

  async function eventsOf(userId: string) {
    return world.db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
      .orderBy(desc(auditEvents.seq));
  }

  it("a sign-in starts a session of 12 hours, names it in its audit event, and keeps a cut user agent", async () => {
    const before = Date.now();
    const { user, claims } = await signedIn(`Mozilla/5.0 ${"x".repeat(1000)}`);
    const row = await rowOf(claims.sessionId);
    expect(row).toMatchObject({ userId: user.id, endedAt: null });
    expect(row.userAgent).toHaveLength(300);
    expect(row.userAgent!.startsWith("Mozilla/5.0 xxx")).toBe(true);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(SESSION_MAX_AGE_SECONDS * 1000 - 5_000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_MAX_AGE_SECONDS * 1000);
    const [latest] = await eventsOf(user.id);
    expect(latest).toEqual({ type: "auth.sign_in_succeeded", actorId: user.id, data: { method: "credentials", sessionId: claims.sessionId } });
  });

  it("resolves while live; once signed out it is refused, audited once, and the user's other session lives on", async () => {
    const { user, email, claims } = await signedIn();
    const other = await signIn(email);
    expect(await findActorBySession(world.db, claims)).toEqual({ id: user.id, role: "reviewer", name: user.name });

    const eventsBefore = await rowCount(world.db, "audit_events");
    expect(await endSession(world.db, claims, "signed_out")).toBe(true);
    expect(await findActorBySession(world.db, claims)).toBeNull();
    expect((await rowOf(claims.sessionId)).endedAt).toBeInstanceOf(Date);
    const [latest] = await eventsOf(user.id);
    expect(latest).toEqual({ type: "session.ended", actorId: user.id, data: { sessionId: claims.sessionId, reason: "signed_out" } });
    expect(await rowCount(world.db, "audit_events")).toBe(eventsBefore + 1);

    // A second sign-out of the same cookie changes nothing and records nothing.
    expect(await endSession(world.db, claims, "signed_out")).toBe(false);
    expect(await rowCount(world.db, "audit_events")).toBe(eventsBefore + 1);

    expect(await findActorBySession(world.db, other.claims)).toEqual({ id: user.id, role: "reviewer", name: user.name });
  });

  it("one user cannot end, or use, another user's session by its id", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await endSession(world.db, { sessionId: a.claims.sessionId, userId: b.user.id }, "signed_out")).toBe(false);
    expect((await rowOf(a.claims.sessionId)).endedAt).toBeNull();
    expect(await findActorBySession(world.db, { ...b.claims, sessionId: a.claims.sessionId })).toBeNull();
    expect(await findActorBySession(world.db, a.claims)).toMatchObject({ id: a.user.id });
  });

  it("is refused once expired, though the cookie itself may still be within its time", async () => {
    const { user, claims } = await signedIn();
    expect(await findActorBySession(world.db, claims)).toMatchObject({ id: user.id });
    await world.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, claims.sessionId));
    expect(await findActorBySession(world.db, claims)).toBeNull();
  });

  it("is refused once its user is deactivated, or their role changed, and stays refused after reactivation", async () => {
    const { user, email, claims } = await signedIn();
    expect(await findActorBySession(world.db, claims)).toMatchObject({ id: user.id });
    await updateUser(world.db, world.admin, { email, isActive: false });
    expect(await findActorBySession(world.db, claims)).toBeNull();
    await updateUser(world.db, world.admin, { email, isActive: true });
    expect(await findActorBySession(world.db, claims)).toBeNull();

    const again = await signIn(email);
    expect(await findActorBySession(world.db, again.claims)).toMatchObject({ id: user.id });
    await updateUser(world.db, world.admin, { email, role: "editor" });
    expect(await findActorBySession(world.db, again.claims)).toBeNull();
  });

  it("refuses a cookie that names no session (issued before sessions had rows), or one that is not a uuid", async () => {
    const { user, claims } = await signedIn();
    expect(await findActorBySession(world.db, { ...claims, sessionId: "" })).toBeNull();
    expect(await findActorBySession(world.db, { ...claims, sessionId: "not-a-uuid" })).toBeNull();
    expect(await findActorBySession(world.db, { ...claims, sessionId: crypto.randomUUID() })).toBeNull();
    expect(await findActorBySession(world.db, { ...claims, userId: "x" })).toBeNull();
    expect(await endSession(world.db, { sessionId: "not-a-uuid", userId: user.id }, "signed_out")).toBe(false);
  });

  it("moves last_seen_at forward at most every few minutes, not on every request", async () => {
    const { claims } = await signedIn();
    const seen = (await rowOf(claims.sessionId)).lastSeenAt;
    await findActorBySession(world.db, claims);
    expect((await rowOf(claims.sessionId)).lastSeenAt).toEqual(seen);

    const stale = new Date(Date.now() - LAST_SEEN_EVERY_MS - 1000);
    await world.db.update(sessions).set({ lastSeenAt: stale }).where(eq(sessions.id, claims.sessionId));
    await findActorBySession(world.db, claims);
    const moved = (await rowOf(claims.sessionId)).lastSeenAt;
    expect(moved.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await findActorBySession(world.db, claims);
    expect((await rowOf(claims.sessionId)).lastSeenAt).toEqual(moved);
  });

  it("a sign-in deletes that user's sessions expired over a month ago, and no others", async () => {
    const { email, claims: old } = await signedIn();
    const recent = await signIn(email);
    const ended = await signIn(email);
    const stranger = await signedIn();
    const longAgo = new Date(Date.now() - PRUNE_AFTER_MS - HOUR);
    await world.db.update(sessions).set({ expiresAt: longAgo }).where(eq(sessions.id, old.sessionId));
    await world.db.update(sessions).set({ expiresAt: longAgo }).where(eq(sessions.id, stranger.claims.sessionId));
    await world.db.update(sessions).set({ expiresAt: new Date(Date.now() - PRUNE_AFTER_MS + HOUR) }).where(eq(sessions.id, recent.claims.sessionId));
    await endSession(world.db, ended.claims, "signed_out");

    const fresh = await signIn(email);
    expect(await rowOf(old.sessionId)).toBeUndefined();
    expect(await rowOf(recent.claims.sessionId)).toBeDefined();
    expect(await rowOf(ended.claims.sessionId)).toBeDefined();
    expect(await rowOf(stranger.claims.sessionId)).toBeDefined();
    expect(await findActorBySession(world.db, fresh.claims)).not.toBeNull();
  });

  it("gives the person's language setting with the session, read from the same row: a change shows on the next request", async () => {
    const { user, claims } = await signedIn();
    const actor = { id: user.id, role: "reviewer" as const, name: user.name };
    const session = { stage: "full", sessionId: claims.sessionId };
    expect(await findSignedIn(world.db, claims)).toEqual({ actor, language: { locale: null, digits: "latn" }, ...session });
    await updatePreferences(world.db, actor, { locale: "ar", digits: "arab" });
    expect(await findSignedIn(world.db, claims)).toEqual({ actor, language: { locale: "ar", digits: "arab" }, ...session });
    await endSession(world.db, claims, "signed_out");
    expect(await findSignedIn(world.db, claims)).toBeNull();
  });
});
