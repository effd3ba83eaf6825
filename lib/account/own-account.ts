import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/permissions";
import { release, reserveAttempt } from "@/lib/auth/rate-limit";
import { endSessionsOf } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { mailPerson } from "@/lib/mail/outbox";
import { parseInput } from "@/lib/validation/parse";
import { ZChangePassword, ZRenameSelf } from "./schemas";

/** Guesses at the current password from one person's signed-in session, per 15 minutes (as sign-in allows). */
export const MAX_PASSWORD_CHECKS = 5;

function signedIn(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  // A token never reaches these doors (they are the settings page's), but a read-only one must not change the account either.
  if (actor.readOnly) throw new AppError("FORBIDDEN", tr("errors.readOnlyToken"));
}

/** What the settings page shows of the person: their name and e-mail, and whether they have a password to change. */
export async function getOwnAccount(db: Db, actor: Actor | null) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const [row] = await db.select({ name: users.name, email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
  return { name: row.name, email: row.email, hasPassword: row.passwordHash !== null };
}

/** A person renames themselves; audited as `user.updated` (the role, and so the sessions, stay as they are). */
export async function renameSelf(db: Db, actor: Actor | null, input: unknown): Promise<{ name: string }> {
  signedIn(actor);
  const { name } = parseInput(ZRenameSelf, input);
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).for("update");
    if (!before) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
    const changes = diffFields({ name: before.name }, { name });
    if (Object.keys(changes).length === 0) return { name };
    await tx.update(users).set({ name }).where(eq(users.id, actor.id));
    await appendAuditEvent(tx, actor.id, { type: "user.updated", entity: { type: "user", id: actor.id }, data: { changes } });
    return { name };
  });
}

/**
 * A person changes their password from the settings, giving the current one (a borrowed or stolen
 * session alone cannot take the account over; guesses at it are counted like sign-in failures).
 * Every other session of theirs ends (`password_changed`); the one it was done from stays. They
 * are told by mail. Answers how many sessions were ended.
 */
export async function changeOwnPassword(db: Db, actor: Actor | null, currentSessionId: string | null, input: unknown): Promise<{ sessionsEnded: number }> {
  signedIn(actor);
  const data = parseInput(ZChangePassword, input);
  const limit = await reserveAttempt(db, [{ key: `password:${actor.id}`, max: MAX_PASSWORD_CHECKS }]);
  if (limit.limited) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new AppError("RATE_LIMITED", tr("errors.account.tooManyPasswordChecks", { minutes }), { retryAfterSeconds: limit.retryAfterSeconds });
  }
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
  if (!user.passwordHash) throw new AppError("INVALID_STATE", tr("errors.account.noPassword"));
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { currentPassword: [tr("errors.account.wrongPassword")] } });
  }
  await release(db, limit.reservation);
  const passwordHash = await hashPassword(data.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
    const sessionsEnded = await endSessionsOf(tx, actor.id, actor.id, "password_changed", currentSessionId ?? undefined);
    await appendAuditEvent(tx, actor.id, { type: "user.password_changed", entity: { type: "user", id: actor.id }, data: { how: "changed", sessionsEnded } });
    await mailPerson(tx, { id: actor.id, email: user.email }, { kind: "passwordChanged", how: "changed" });
    return { sessionsEnded };
  });
}
