import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions, twoFactorPolicy, users, webauthnCredentials } from "@/db/schema";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { endSessionById, endSessionsOf, findActorBySession, findSignedIn, listSessions, openSession } from "./sessions";

describe.each(TEST_DRIVERS)("session stages and the sessions list on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  async function signedIn(role: "reviewer" | "editor" = "reviewer") {
    const actor = await makeActor(world.db, role);
    const [{ sessionVersion }] = await world.db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, actor.id));
    const session = await world.db.transaction((tx) => openSession(tx, actor.id, { method: "credentials", userAgent: "Firefox", address: "192.0.2.7" }));
    return { actor, session, claims: { sessionId: session.id, userId: actor.id, sessionVersion } };
  }

  it("a person with a second factor gets a session that opens nothing until they give it", async () => {
    const { db } = world;
    const { actor } = await signedIn();
    await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, actor.id));
    const [{ sessionVersion }] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, actor.id));
    const session = await db.transaction((tx) => openSession(tx, actor.id, { method: "credentials" }));
    expect(session.awaitingSecondFactor).toBe(true);
    const claims = { sessionId: session.id, userId: actor.id, sessionVersion };
    expect((await findSignedIn(db, claims))?.stage).toBe("verify");
    expect(await findActorBySession(db, claims)).toBeNull();
    const [event] = await db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.type, "auth.sign_in_succeeded")).orderBy(auditEvents.seq).then((r) => r.slice(-1));
    expect(event.data).toEqual({ method: "credentials", sessionId: session.id, awaitingSecondFactor: true });

    // Given: the session opens the workspace.
    await db.update(sessions).set({ awaitingSecondFactor: false }).where(eq(sessions.id, session.id));
    expect((await findSignedIn(db, claims))?.stage).toBe("full");
    expect(await findActorBySession(db, claims)).toEqual(actor);
  });

  it("a role that must enrol, without a factor, reaches only enrolment; a passkey or TOTP app lets it through; the policy is read on every request", async () => {
    const { db } = world;
    const { actor, claims } = await signedIn("editor");
    expect((await findSignedIn(db, claims))?.stage).toBe("full");
    await db.insert(twoFactorPolicy).values({ role: "editor", required: true });
    try {
      expect((await findSignedIn(db, claims))?.stage).toBe("enrol");
      expect(await findActorBySession(db, claims)).toBeNull();
      await db.insert(webauthnCredentials).values({ userId: actor.id, credentialId: `cred-${actor.id}`, publicKey: "pk", name: "Key" });
      expect((await findSignedIn(db, claims))?.stage).toBe("full");
      await db.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, actor.id));
      await db.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, actor.id));
      expect((await findSignedIn(db, claims))?.stage).toBe("full");
      // Another role is not held by the editors' policy.
      const reviewer = await signedIn("reviewer");
      expect((await findSignedIn(db, reviewer.claims))?.stage).toBe("full");
    } finally {
      await db.delete(twoFactorPolicy);
    }
  });

  it("lists a person's live sessions with device, address and the current one; ends one, own or by an admin, audited with who", async () => {
    const { db } = world;
    const { actor, claims } = await signedIn();
    const second = await db.transaction((tx) => openSession(tx, actor.id, { method: "credentials", userAgent: "Chromium", address: "198.51.100.2" }));
    const listed = await listSessions(db, actor, actor.id, claims.sessionId);
    expect(listed.map((s) => [s.userAgent, s.address, s.current]).sort()).toEqual([
      ["Chromium", "198.51.100.2", false],
      ["Firefox", "192.0.2.7", true],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/challenge/);

    // Someone else's sessions: refused (FORBIDDEN to list, NOT_FOUND to end); an admin may.
    const stranger = await makeActor(db, "editor");
    expect((await rejection(listSessions(db, stranger, actor.id))).code).toBe("FORBIDDEN");
    expect((await rejection(endSessionById(db, stranger, second.id))).code).toBe("NOT_FOUND");
    expect((await rejection(endSessionById(db, actor, "not-a-uuid"))).code).toBe("NOT_FOUND");
    expect(await listSessions(db, world.admin, actor.id)).toHaveLength(2);

    expect(await endSessionById(db, world.admin, second.id)).toBe(true);
    expect(await endSessionById(db, world.admin, second.id)).toBe(false);
    expect(await endSessionById(db, actor, claims.sessionId)).toBe(true);
    expect(await findSignedIn(db, claims)).toBeNull();
    expect(await listSessions(db, actor, actor.id)).toEqual([]);
    const ended = await db.select({ actorId: auditEvents.actorId, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.type, "session.ended")).orderBy(auditEvents.seq).then((r) => r.slice(-2));
    expect(ended).toEqual([
      { actorId: world.admin.id, data: { sessionId: second.id, reason: "ended_by_admin" } },
      { actorId: actor.id, data: { sessionId: claims.sessionId, reason: "ended_by_user" } },
    ]);
  });

  it("ends every session of a person but the one the change was made from, each audited with why", async () => {
    const { db } = world;
    const { actor, claims } = await signedIn();
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await db.transaction((tx) => openSession(tx, actor.id, { method: "credentials" })));
    const ended = await db.transaction((tx) => endSessionsOf(tx, actor.id, actor.id, "password_changed", claims.sessionId));
    expect(ended).toBe(3);
    expect((await listSessions(db, actor, actor.id)).map((s) => s.id)).toEqual([claims.sessionId]);
    const reasons = await db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.type, "session.ended")).orderBy(auditEvents.seq).then((r) => r.slice(-3).map((e) => e.data));
    expect(reasons.map((d) => (d as { reason: string }).reason)).toEqual(["password_changed", "password_changed", "password_changed"]);
    expect(reasons.map((d) => (d as { sessionId: string }).sessionId).sort()).toEqual(others.map((o) => o.id).sort());
  });
});
