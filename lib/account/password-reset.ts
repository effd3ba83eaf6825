import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { normaliseEmail } from "@/lib/auth/authenticate";
import { consumeLink, findLiveLink, issueLink } from "@/lib/auth/one-time-links";
import { revokeTokensOf } from "@/lib/auth/api-tokens";
import { hashPassword, passwordsAllowed } from "@/lib/auth/password";
import { reserveAttempt } from "@/lib/auth/rate-limit";
import { endSessionsOf } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { mailedLink, mailPerson } from "@/lib/mail/outbox";
import { parseInput } from "@/lib/validation/parse";
import { ZRequestReset, ZResetPassword } from "./schemas";

/** Reset requests per address typed, and per client address, in the 15-minute window. */
export const MAX_RESETS_PER_EMAIL = 3;
export const MAX_RESETS_PER_CLIENT = 10;
/**
 * Every answer to a request takes at least this long, so whether an account exists (a link
 * written and a message queued, or nothing) cannot be told from the time it takes.
 */
export const RESET_ANSWER_MS = 400;

/**
 * "Forgot your password?": when the address is an active person's who has joined, a one-hour
 * link by mail (superseding any earlier one) and an audit event on them. Answers the same, in
 * about the same time, whether anyone has the address or not; only too many requests (for this
 * address, or from this client) are refused (RATE_LIMITED), which says nothing about the account either.
 */
export async function requestPasswordReset(db: Db, input: unknown, { address }: { address: string }): Promise<void> {
  const started = Date.now();
  const { email } = parseInput(ZRequestReset, input);
  const normalised = normaliseEmail(email);
  const limit = await reserveAttempt(db, [
    { key: `reset:${normalised}`, max: MAX_RESETS_PER_EMAIL },
    { key: `reset-address:${address}`, max: MAX_RESETS_PER_CLIENT },
  ]);
  // With passwords off nobody gets a link, and the answer is the same as ever.
  if (!limit.limited && normalised && passwordsAllowed()) {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.email, normalised), eq(users.isActive, true), isNotNull(users.joinedAt)));
      if (!user) return;
      const link = await issueLink(tx, user.id, "password_reset", null);
      await mailPerson(tx, user, { kind: "passwordReset", link: mailedLink(link.path), expiresAt: link.expiresAt });
      await appendAuditEvent(tx, null, {
        type: "user.password_reset_requested",
        entity: { type: "user", id: user.id },
        data: { linkId: link.id, expiresAt: link.expiresAt.toISOString() },
      });
    });
  }
  const wait = started + RESET_ANSWER_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (limit.limited) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new AppError("RATE_LIMITED", tr("errors.account.tooManyResets", { minutes }), { retryAfterSeconds: limit.retryAfterSeconds });
  }
}

/** Whether a reset link still works (for the page that shows its form, or says it does not). */
export async function isLiveResetLink(db: Db, token: string): Promise<boolean> {
  return (await findLiveLink(db, token, "password_reset")) !== null;
}

/**
 * A new password from an e-mailed link: the link is used up (once, atomically), every session of
 * the person ends (`password_reset`; a thief's session too), they are told by mail, and it is
 * audited. An unknown, used or expired link, or one of a person deactivated since, changes nothing.
 */
export async function resetPassword(db: Db, input: unknown): Promise<{ userId: string; sessionsEnded: number }> {
  const data = parseInput(ZResetPassword, input);
  if (!passwordsAllowed()) throw new AppError("INVALID_STATE", tr("errors.account.passwordsOff"), { guard: "password_sign_in" });
  const passwordHash = await hashPassword(data.newPassword);
  return db.transaction(async (tx) => {
    const link = await consumeLink(tx, data.token, "password_reset");
    const [user] = link
      ? await tx.select({ id: users.id, email: users.email, isActive: users.isActive, role: users.role, name: users.name }).from(users).where(eq(users.id, link.userId)).for("update")
      : [];
    if (!link || !user?.isActive) {
      throw new AppError("NOT_FOUND", tr("errors.account.deadResetLink"), { links: [{ href: "/login/forgot", label: tr("signIn.reset.askAgain") }] });
    }
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const sessionsEnded = await endSessionsOf(tx, user.id, user.id, "password_reset");
    await revokeTokensOf(tx, { id: user.id, role: user.role, name: user.name }, user.id, "password_reset");
    await appendAuditEvent(tx, user.id, {
      type: "user.password_changed",
      entity: { type: "user", id: user.id },
      data: { how: "reset", linkId: link.id, sessionsEnded },
    });
    await mailPerson(tx, user, { kind: "passwordChanged", how: "reset" });
    return { userId: user.id, sessionsEnded };
  });
}
