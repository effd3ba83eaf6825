import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents } from "@/db/schema";
import { createOwnToken, findActorByToken, listTokens, revokeToken } from "@/lib/auth/api-tokens";
import { authenticateCredentials } from "@/lib/auth/authenticate";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { endSessionById, findSignedIn, listSessions } from "@/lib/auth/sessions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";

const PASSWORD = "the first long password";
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

/** What the settings page does with a person's own tokens and sessions (lib/auth's functions, as the settings call them). */
describe.each(TEST_DRIVERS)("self-service tokens and sessions on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  async function person() {
    const email = `self-${++counter}-${Date.now()}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Self person ${counter}`, role: "submitter", password: PASSWORD });
    return { actor: { id: user.id, role: "submitter" as const, name: user.name }, email };
  }
  async function signIn(email: string, userAgent: string) {
    const result = await authenticateCredentials(world.db, { email, password: PASSWORD, address: `192.0.2.${++counter % 250}`, userAgent });
    if (!result.ok) throw new Error("sign-in failed");
    return { sessionId: result.sessionId, userId: result.user.id, sessionVersion: result.user.sessionVersion };
  }
  const latestEvent = async (userId: string) =>
    (await world.db.select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data }).from(auditEvents).where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId))).orderBy(desc(auditEvents.seq)).limit(1))[0];

  it("a person makes a read-only token that expires, sees it listed without its secret, and revokes it once", async () => {
    const { actor } = await person();
    const created = await createOwnToken(world.db, actor, { label: "Nightly export", readOnly: true, expiresInDays: 30 });
    expect(created.readOnly).toBe(true);
    expect(Date.parse(created.expiresAt!) - Date.now()).toBeGreaterThan(29.9 * DAY);
    expect(Date.parse(created.expiresAt!) - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect(await findActorByToken(world.db, created.token)).toEqual({ ...actor, readOnly: true });
    expect(await latestEvent(actor.id)).toEqual({ type: "token.created", actorId: actor.id, data: { tokenId: created.id, label: "Nightly export", readOnly: true, expiresAt: created.expiresAt } });

    const never = await createOwnToken(world.db, actor, { label: "Forever", expiresInDays: null });
    expect(never.expiresAt).toBeNull();
    const listed = await listTokens(world.db, actor, actor.id);
    expect(listed.map((t) => t.id)).toEqual([never.id, created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const revoked = await revokeToken(world.db, actor, created.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await findActorByToken(world.db, created.token)).toBeNull();
    expect(await latestEvent(actor.id)).toEqual({ type: "token.revoked", actorId: actor.id, data: { tokenId: created.id, label: "Nightly export" } });
    await revokeToken(world.db, actor, created.id);
    expect((await latestEvent(actor.id)).type).toBe("token.revoked");
    const events = await world.db.select({ seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.entityId, actor.id), eq(auditEvents.type, "token.revoked")));
    expect(events).toHaveLength(1);
  });

  it("refuses an expiry out of range, another person's token and list, and a read-only token's actor", async () => {
    const { actor } = await person();
    const other = await person();
    for (const expiresInDays of [0, 367, 1.5, Number.NaN]) {
      const refused = await rejection(createOwnToken(world.db, actor, { label: "Bad expiry", expiresInDays }));
      expect(Object.keys(refused.details.fieldErrors ?? {})).toEqual(["expiresInDays"]);
    }
    const theirs = await createOwnToken(world.db, other.actor, { label: "Theirs" });
    expect((await rejection(revokeToken(world.db, actor, theirs.id))).code).toBe("NOT_FOUND");
    const [row] = await world.db.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, theirs.id));
    expect(row.revokedAt).toBeNull();
    expect((await rejection(listTokens(world.db, actor, other.actor.id))).code).toBe("FORBIDDEN");
    expect((await rejection(createOwnToken(world.db, { ...actor, readOnly: true }, { label: "From a read-only token" }))).code).toBe("FORBIDDEN");
    // An admin revokes anyone's.
    expect((await revokeToken(world.db, world.admin, theirs.id)).revokedAt).not.toBeNull();
  });

  it("lists a person's live sessions with device and this one marked; ending one ends it at once, another's is NOT_FOUND", async () => {
    const { actor, email } = await person();
    const other = await person();
    const here = await signIn(email, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
    const phone = await signIn(email, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Version/17.4 Mobile Safari/604.1");
    const theirs = await signIn(other.email, "Mozilla/5.0 (Windows NT 10.0) Chrome/124.0");

    const listed = await listSessions(world.db, actor, actor.id, here.sessionId);
    expect(listed.map((s) => s.id).sort()).toEqual([here.sessionId, phone.sessionId].sort());
    expect(listed.find((s) => s.current)?.id).toBe(here.sessionId);
    expect(listed.find((s) => s.id === phone.sessionId)?.userAgent).toContain("iPhone");
    expect((await rejection(listSessions(world.db, actor, other.actor.id))).code).toBe("FORBIDDEN");

    expect((await rejection(endSessionById(world.db, actor, theirs.sessionId))).code).toBe("NOT_FOUND");
    expect(await findSignedIn(world.db, theirs)).not.toBeNull();

    expect(await endSessionById(world.db, actor, phone.sessionId)).toBe(true);
    expect(await findSignedIn(world.db, phone)).toBeNull();
    expect(await findSignedIn(world.db, here)).not.toBeNull();
    expect(await latestEvent(actor.id)).toEqual({ type: "session.ended", actorId: actor.id, data: { sessionId: phone.sessionId, reason: "ended_by_user" } });
    expect(await endSessionById(world.db, actor, phone.sessionId)).toBe(false);
    expect((await listSessions(world.db, actor, actor.id)).map((s) => s.id)).toEqual([here.sessionId]);
  });
});
