import { and, asc, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks, auditEvents, mailOutbox, users } from "@/db/schema";
import { createOwnToken, findActorByToken } from "@/lib/auth/api-tokens";
import { authenticateCredentials } from "@/lib/auth/authenticate";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { findSignedIn } from "@/lib/auth/sessions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { outcome, rejection } from "@/lib/test/errors";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import { isLiveResetLink, MAX_RESETS_PER_CLIENT, MAX_RESETS_PER_EMAIL, requestPasswordReset, RESET_ANSWER_MS, resetPassword } from "./password-reset";

const PASSWORD = "the first long password";
const NEW_PASSWORD = "a second, longer password";
const ORIGIN = "http://corroborate.example";
let counter = 0;

describe.each(TEST_DRIVERS)("password reset on %s", (driver) => {
  const world = useTestWorld(driver);

  async function person(extra: Partial<{ isActive: boolean; joinedAt: Date | null }> = {}) {
    const email = `reset-${++counter}-${Date.now()}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Reset person ${counter}`, role: "submitter", password: PASSWORD });
    if (Object.keys(extra).length) await world.db.update(users).set(extra).where(eq(users.id, user.id));
    return { id: user.id, email };
  }
  const client = () => ({ address: `203.0.113.${++counter % 250}`, askedOrigin: ORIGIN });
  const mailTo = (email: string) => world.db.select({ subject: mailOutbox.subject, text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(asc(mailOutbox.createdAt));
  const eventsOf = (userId: string) =>
    world.db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
      .orderBy(desc(auditEvents.seq));
  const tokenIn = (text: string) => {
    // Without PUBLIC_URL the link is a path on this site: the Host the requester sent (ORIGIN here) never shapes it.
    expect(text).not.toContain(ORIGIN);
    const match = text.match(/^\/reset-password\/([A-Za-z0-9_-]{43})$/m);
    if (!match) throw new Error(`no reset link in: ${text}`);
    return match[1];
  };
  async function signIn(email: string, password = PASSWORD) {
    const result = await authenticateCredentials(world.db, { email, password, address: `198.51.100.${++counter % 250}` });
    return result.ok ? { sessionId: result.sessionId, userId: result.user.id, sessionVersion: result.user.sessionVersion } : null;
  }

  it("mails a one-hour link to an active person's address (typed in any case), audited without the token", async () => {
    const { id, email } = await person();
    const started = Date.now();
    await requestPasswordReset(world.db, { email: ` ${email.toUpperCase()} ` }, client());
    expect(Date.now() - started).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Reset your Corroborate password");
    const token = tokenIn(mails[0].text);
    expect(await isLiveResetLink(world.db, token)).toBe(true);
    const [event] = await eventsOf(id);
    expect(event.type).toBe("user.password_reset_requested");
    expect(event.actorId).toBeNull();
    expect(JSON.stringify(event)).not.toContain(token);
    const [link] = await world.db.select({ expiresAt: accountLinks.expiresAt }).from(accountLinks).where(eq(accountLinks.userId, id));
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it("answers an unknown, an inactive and a not-yet-joined address the same, in as long, with no link and no mail", async () => {
    const inactive = await person({ isActive: false });
    const invited = await person({ joinedAt: null });
    const unknown = `nobody-${Date.now()}@example.test`;
    for (const email of [unknown, inactive.email, invited.email]) {
      const started = Date.now();
      await requestPasswordReset(world.db, { email }, client());
      expect(Date.now() - started).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 5);
      expect(await mailTo(email)).toHaveLength(0);
    }
    for (const { id } of [inactive, invited]) {
      expect(await world.db.select().from(accountLinks).where(eq(accountLinks.userId, id))).toHaveLength(0);
      expect((await eventsOf(id)).some((e) => e.type === "user.password_reset_requested")).toBe(false);
    }
  });

  it("limits requests per address typed, whether or not anyone has it", async () => {
    const { email } = await person();
    const unknown = `nobody-else-${Date.now()}@example.test`;
    for (const address of [email, unknown]) {
      // The allowed requests at once (each answers after RESET_ANSWER_MS; the limit is counted under a lock, in any order), then the one over.
      const allowed = await Promise.all(Array.from({ length: MAX_RESETS_PER_EMAIL }, () => outcome(requestPasswordReset(world.db, { email: address }, client()))));
      expect(allowed).toEqual(Array(MAX_RESETS_PER_EMAIL).fill("ok"));
      const limited = await rejection(requestPasswordReset(world.db, { email: address }, client()));
      expect(limited.code).toBe("RATE_LIMITED");
      expect(limited.details.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await mailTo(email)).toHaveLength(MAX_RESETS_PER_EMAIL);
  });

  it("limits requests from one client across addresses", async () => {
    const from = { address: "203.0.113.250", askedOrigin: ORIGIN };
    // The allowed requests at once (each answers after RESET_ANSWER_MS; the limit is counted under a lock, in any order), then the one over.
    const answers = await Promise.all(Array.from({ length: MAX_RESETS_PER_CLIENT }, (_, i) => outcome(requestPasswordReset(world.db, { email: `spray-${i}-${Date.now()}@example.test` }, from))));
    answers.push(await outcome(requestPasswordReset(world.db, { email: `spray-${MAX_RESETS_PER_CLIENT}-${Date.now()}@example.test` }, from)));
    expect(answers).toEqual([...Array(MAX_RESETS_PER_CLIENT).fill("ok"), "RATE_LIMITED"]);
  });

  it("resets with the link once: all sessions end, the old password is refused, the new one works, a mail and an event say so", async () => {
    const { id, email } = await person();
    const session = await signIn(email);
    // A token minted from a stolen session must not outlive the person taking their account back.
    const minted = await createOwnToken(world.db, { id, role: "submitter", name: "x" }, { label: "minted", expiresInDays: null });
    await requestPasswordReset(world.db, { email }, client());
    const token = tokenIn((await mailTo(email))[0].text);
    const result = await resetPassword(world.db, { token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result).toEqual({ userId: id, sessionsEnded: 1 });
    expect(await findSignedIn(world.db, session!)).toBeNull();
    expect(await findActorByToken(world.db, minted.token)).toBeNull();
    expect(await signIn(email)).toBeNull();
    expect(await signIn(email, NEW_PASSWORD)).not.toBeNull();
    const events = await eventsOf(id);
    const changed = events.find((e) => e.type === "user.password_changed");
    expect(changed?.actorId).toBe(id);
    expect(changed?.data).toMatchObject({ how: "reset", sessionsEnded: 1 });
    expect(events.find((e) => e.type === "session.ended")?.data).toEqual({ sessionId: session!.sessionId, reason: "password_reset" });
    expect(events.find((e) => e.type === "token.revoked")?.data).toEqual({ tokenId: minted.id, label: "minted", reason: "password_reset" });
    expect(JSON.stringify(events)).not.toContain(token);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual(["Reset your Corroborate password", "Your Corroborate password was changed"]);
    // Used: refused, and the password stays the new one.
    expect(await isLiveResetLink(world.db, token)).toBe(false);
    const reused = await rejection(resetPassword(world.db, { token, newPassword: "a third long password", confirmPassword: "a third long password" }));
    expect(reused.code).toBe("NOT_FOUND");
    expect(await signIn(email, NEW_PASSWORD)).not.toBeNull();
  });

  it("refuses a forged, an expired and a superseded link, and a mistyped repeat keeps the link", async () => {
    const { id, email } = await person();
    const [before] = await world.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
    const forged = await rejection(resetPassword(world.db, { token: "A".repeat(43), newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(forged.code).toBe("NOT_FOUND");
    expect((await rejection(resetPassword(world.db, { token: "../../etc", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("NOT_FOUND");

    await requestPasswordReset(world.db, { email }, client());
    const first = tokenIn((await mailTo(email))[0].text);
    const differ = await rejection(resetPassword(world.db, { token: first, newPassword: NEW_PASSWORD, confirmPassword: "something else entirely" }));
    expect(Object.keys(differ.details.fieldErrors ?? {})).toEqual(["confirmPassword"]);
    expect(await isLiveResetLink(world.db, first)).toBe(true);

    await requestPasswordReset(world.db, { email }, client());
    const second = tokenIn((await mailTo(email))[1].text);
    expect((await rejection(resetPassword(world.db, { token: first, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("NOT_FOUND");

    await world.db.update(accountLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountLinks.userId, id));
    expect(await isLiveResetLink(world.db, second)).toBe(false);
    expect((await rejection(resetPassword(world.db, { token: second, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("NOT_FOUND");
    const [after] = await world.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(after.hash).toBe(before.hash);
    expect((await eventsOf(id)).some((e) => e.type === "user.password_changed")).toBe(false);
  });

  it("refuses a live link of a person deactivated since it was sent", async () => {
    const { id, email } = await person();
    await requestPasswordReset(world.db, { email }, client());
    const token = tokenIn((await mailTo(email))[0].text);
    await world.db.update(users).set({ isActive: false }).where(eq(users.id, id));
    expect((await rejection(resetPassword(world.db, { token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("NOT_FOUND");
  });
});
