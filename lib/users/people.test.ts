import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, recoveryCodes, users, webauthnCredentials } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-events";
import { createOwnToken, findActorByToken, revokeToken } from "@/lib/auth/api-tokens";
import { seal } from "@/lib/auth/secret-box";
import { findActorBySession, hasSecondFactor, startSession } from "@/lib/auth/sessions";
import { listOutbox } from "@/lib/mail/list-outbox";
import { outcome, rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { getUserDetail } from "./get-user-detail";
import { inviteUser } from "./invite-user";
import { listUsers } from "./list-users";
import { resetSecondFactors } from "./reset-second-factors";
import { changeUser } from "./update-user";

const ORIGIN = { askedOrigin: "http://people.test:3000" };

describe.each(TEST_DRIVERS)("people management on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });

  async function person(role: "reviewer" | "editor" | "submitter" = "reviewer") {
    const { db } = world;
    const actor = await makeActor(db, role);
    const [row] = await db.select({ email: users.email, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, actor.id));
    const { token } = await createOwnToken(db, actor, { label: "laptop" });
    const { id: sessionId } = await startSession(db, actor.id, { userAgent: "Mozilla/5.0 (test)", address: "192.0.2.1" });
    const session = { sessionId, userId: actor.id, sessionVersion: row.sessionVersion };
    return { actor, email: row.email, token, session };
  }

  async function mailsTo(email: string) {
    return world.db.select({ subject: mailOutbox.subject, text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, email));
  }

  it("lists people by e-mail with status and second factor, searches, filters and pages without repeats", async () => {
    const { db } = world;
    const tag = `zq${Date.now()}`;
    const joined = await makeActor(db, "editor", `Joined ${tag}`);
    const invited = await inviteUser(db, world.admin, { email: `${tag}-invited@example.test`, role: "reviewer", name: `Invited ${tag}` }, ORIGIN);
    const gone = await makeActor(db, "submitter", `Gone ${tag}`);
    await changeUser(db, world.admin, gone.id, { active: false });
    await db.update(users).set({ totpSecret: seal("totp-secret", "JBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() }).where(eq(users.id, joined.id));

    const all = await listUsers(db, world.admin, { q: tag });
    expect(all.items.map((u) => [u.name, u.status, u.hasSecondFactor])).toEqual(
      expect.arrayContaining([[`Joined ${tag}`, "active", true], [`Invited ${tag}`, "invited", false], [`Gone ${tag}`, "deactivated", false]]),
    );
    expect(all.items).toHaveLength(3);
    expect(JSON.stringify(all)).not.toMatch(/passwordHash|totpSecret|argon/);
    expect((await listUsers(db, world.admin, { q: `${tag}-INVITED@` })).items.map((u) => u.id)).toEqual([invited.userId]);
    expect((await listUsers(db, world.admin, { q: tag, status: "deactivated" })).items.map((u) => u.id)).toEqual([gone.id]);
    expect((await listUsers(db, world.admin, { q: tag, status: "invited" })).items.map((u) => u.id)).toEqual([invited.userId]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listUsers(db, world.admin, { q: tag, limit: 1, cursor });
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...all.items.map((u) => u.email)]);
    expect(seen).toEqual([...seen].sort());

    expect(await outcome(listUsers(db, joined, {}))).toBe("FORBIDDEN");
    expect(await outcome(listUsers(db, world.admin, { status: "sleeping" as never }))).toBe("BAD_REQUEST");
    expect(await outcome(listUsers(db, world.admin, { cursor: "nonsense" }))).toBe("BAD_REQUEST");
  });

  it("shows one person with their tokens and live sessions, and 404 for an unknown id", async () => {
    const { db } = world;
    const { actor, email } = await person();
    const detail = await getUserDetail(db, world.admin, actor.id);
    expect(detail).toMatchObject({ id: actor.id, email, status: "active", invitationExpiresAt: null });
    expect(detail.tokens.map((t) => t.label)).toEqual(["laptop"]);
    expect(detail.sessions).toHaveLength(1);
    expect(detail.sessions[0]).toMatchObject({ address: "192.0.2.1", current: false });
    expect(JSON.stringify(detail)).not.toMatch(/tokenHash|cbr_/);
    const invited = await inviteUser(db, world.admin, { email: `detail-${Date.now()}@example.test`, role: "reviewer" }, ORIGIN);
    expect((await getUserDetail(db, world.admin, invited.userId)).invitationExpiresAt).toBe(invited.expiresAt);
    expect(await outcome(getUserDetail(db, world.admin, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(await outcome(getUserDetail(db, world.admin, "not-a-uuid"))).toBe("NOT_FOUND");
    expect(await outcome(getUserDetail(db, actor, actor.id))).toBe("FORBIDDEN");
  });

  it("deactivation refuses the person's session and token at once, revokes the tokens for good, and tells them", async () => {
    const { db } = world;
    const { actor, email, token, session } = await person("editor");
    expect((await findActorBySession(db, session))?.id).toBe(actor.id);
    expect((await findActorByToken(db, token))?.id).toBe(actor.id);
    const changed = await changeUser(db, world.admin, actor.id, { active: false });
    expect(changed.isActive).toBe(false);
    expect(await findActorBySession(db, session)).toBeNull();
    expect(await findActorByToken(db, token)).toBeNull();
    const events = (await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` })).items.map((e) => [e.type, e.data]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["user.updated", expect.objectContaining({ changes: { isActive: { before: true, after: false } } })],
        ["session.ended", { sessionId: session.sessionId, reason: "deactivated" }],
        ["token.revoked", expect.objectContaining({ label: "laptop", reason: "deactivated" })],
      ]),
    );
    expect((await mailsTo(email)).map((m) => m.subject)).toEqual(["Your Corroborate account was deactivated"]);
    expect((await getUserDetail(db, world.admin, actor.id)).status).toBe("deactivated");

    // Reactivated: the person signs in again; old sessions and tokens stay dead.
    await changeUser(db, world.admin, actor.id, { active: true });
    expect(await findActorByToken(db, token)).toBeNull();
    expect(await findActorBySession(db, session)).toBeNull();
  });

  it("a role change ends the person's sessions and mails them; a name change alone ends nothing; an admin cannot lock themselves out", async () => {
    const { db } = world;
    const { actor, email, token, session } = await person("reviewer");
    await changeUser(db, world.admin, actor.id, { name: "Renamed Person" });
    expect((await findActorBySession(db, session))?.name).toBe("Renamed Person");
    const changed = await changeUser(db, world.admin, actor.id, { role: "editor" });
    expect(changed).toMatchObject({ role: "editor", name: "Renamed Person" });
    expect(await findActorBySession(db, session)).toBeNull();
    expect((await findActorByToken(db, token))?.role).toBe("editor");
    const events = (await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` })).items;
    expect(events.find((e) => e.type === "session.ended")?.data).toEqual({ sessionId: session.sessionId, reason: "ended_by_admin" });
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toEqual(["Your Corroborate role changed"]);
    expect(mails[0].text).toContain("now editor");
    // The same role again: nothing to change, nothing audited.
    const before = (await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` })).items.length;
    await changeUser(db, world.admin, actor.id, { role: "editor" });
    expect((await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` })).items).toHaveLength(before);

    const self = await rejection(changeUser(db, world.admin, world.admin.id, { active: false }));
    expect([self.code, self.details.guard]).toEqual(["INVALID_STATE", "self"]);
    expect(await outcome(changeUser(db, world.admin, world.admin.id, { role: "reviewer" }))).toBe("INVALID_STATE");
    expect(await outcome(changeUser(db, actor, actor.id, { name: "Myself" }))).toBe("FORBIDDEN");
    expect(await outcome(changeUser(db, world.admin, actor.id, {}))).toBe("BAD_REQUEST");
    expect(await outcome(changeUser(db, world.admin, "00000000-0000-4000-8000-000000000000", { name: "Nobody" }))).toBe("NOT_FOUND");
  });

  it("an admin's token revocation and a person's own; another's token is NOT_FOUND", async () => {
    const { db } = world;
    const a = await person();
    const b = await person();
    const [aToken] = (await getUserDetail(db, world.admin, a.actor.id)).tokens;
    expect(await outcome(revokeToken(db, b.actor, aToken.id))).toBe("NOT_FOUND");
    expect((await findActorByToken(db, a.token))?.id).toBe(a.actor.id);
    expect((await revokeToken(db, world.admin, aToken.id)).revokedAt).not.toBeNull();
    expect(await findActorByToken(db, a.token)).toBeNull();
  });

  it("resetting second factors removes the app, passkeys and recovery codes, ends sessions, audits and mails", async () => {
    const { db } = world;
    const { actor, email, session } = await person("editor");
    expect(await resetSecondFactors(db, world.admin, actor.id)).toEqual({ userId: actor.id, removed: 0, sessionsEnded: 0 });
    expect((await findActorBySession(db, session))?.id).toBe(actor.id);
    await db.update(users).set({ totpSecret: seal("totp-secret", "JBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() }).where(eq(users.id, actor.id));
    await db.insert(webauthnCredentials).values({ userId: actor.id, credentialId: `cred-${Date.now()}`, publicKey: "pk", name: "Phone" });
    await db.insert(recoveryCodes).values([{ userId: actor.id, codeHash: `h1-${Date.now()}` }, { userId: actor.id, codeHash: `h2-${Date.now()}` }]);
    expect(await hasSecondFactor(db, actor.id)).toBe(true);

    expect(await outcome(resetSecondFactors(db, actor, actor.id))).toBe("FORBIDDEN");
    const reset = await resetSecondFactors(db, world.admin, actor.id);
    expect(reset).toEqual({ userId: actor.id, removed: 4, sessionsEnded: 1 });
    expect(await hasSecondFactor(db, actor.id)).toBe(false);
    expect(await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, actor.id))).toEqual([]);
    const [row] = await db.select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, actor.id));
    expect(row).toEqual({ totpSecret: null, totpEnabledAt: null });
    expect(await findActorBySession(db, session)).toBeNull();
    const events = (await listAuditEvents(db, world.admin, { entity: `user:${actor.id}` })).items.map((e) => [e.type, e.data]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["user.factor_removed", { factor: "all", by: "admin" }],
        ["session.ended", { sessionId: session.sessionId, reason: "second_factor_reset" }],
      ]),
    );
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toEqual(["A second factor was removed from your Corroborate account"]);
    expect(mails[0].text).toContain("An administrator removed the second factors");
    expect(await outcome(resetSecondFactors(db, world.admin, "nope"))).toBe("NOT_FOUND");
  });

  it("the outbox, newest first and paged, for admins: the text without SMTP", async () => {
    const { db } = world;
    const first = await inviteUser(db, world.admin, { email: `outbox-a-${Date.now()}@example.test`, role: "reviewer" }, ORIGIN);
    const second = await inviteUser(db, world.admin, { email: `outbox-b-${Date.now()}@example.test`, role: "reviewer" }, ORIGIN);
    const page = await listOutbox(db, world.admin, { limit: 1 });
    expect(page.delivered).toBe(false);
    expect(page.items[0]).toMatchObject({ to: second.email, state: "waiting", attempts: 0 });
    expect(page.items[0].text).toContain("/invite/");
    const next = await listOutbox(db, world.admin, { limit: 1, cursor: page.nextCursor! });
    expect(next.items[0].to).toBe(first.email);
    expect(await outcome(listOutbox(db, await makeActor(db, "editor"), {}))).toBe("FORBIDDEN");
  });
});
