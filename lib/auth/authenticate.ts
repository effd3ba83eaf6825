import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/append-event";
import { burnPasswordCheck, verifyPassword } from "./password";
import { checkLimits, FAILURE_WINDOW_MS, type Limit, type LimitCheck, release, reserveAttempt } from "./rate-limit";
import { openSession } from "./sessions";

export const SIGN_IN_WINDOW_MS = FAILURE_WINDOW_MS;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInUser = { id: string; role: string; name: string; email: string; sessionVersion: number };

export type SignInResult =
  | { ok: true; user: SignInUser; sessionId: string; awaitingSecondFactor: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * What was typed as the e-mail, as it is looked up and counted. An address holds no control
 * character (and PostgreSQL text no NUL): such input names no account, and is counted under the
 * empty one, rather than failing in the database.
 */
export function normaliseEmail(email: string): string {
  const normalised = email.trim().toLowerCase().slice(0, 254);
  return /[\u0000-\u001F\u007F]/.test(normalised) ? "" : normalised.toWellFormed();
}

/** The sign-in's counters: the account (an attacker cycling addresses still hits it) and the address. */
function signInLimits(email: string, address: string): Limit[] {
  return [
    { key: `account:${normaliseEmail(email)}`, max: MAX_FAILURES_PER_ACCOUNT },
    { key: `address:${address}`, max: MAX_FAILURES_PER_ADDRESS },
  ];
}

/** Whether sign-in is currently refused for this account or address, and for how long. */
export function checkSignInRateLimit(db: Db, email: string, address: string): Promise<LimitCheck> {
  return checkLimits(db, signInLimits(email, address));
}

/**
 * Check an e-mail and password. Every outcome for an existing account is audited (an unknown
 * e-mail names no one to record it against, and storing what strangers type would keep personal
 * data in an immutable log); the caller answers every failure with one generic message, so it
 * does not reveal which accounts exist. A success starts a session (`sessionId`, for the cookie).
 */
export async function authenticateCredentials(
  db: Db,
  { email, password, address, userAgent }: { email: string; password: string; address: string; userAgent?: string | null },
): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.email, normalised));

  const limit = await reserveAttempt(db, signInLimits(normalised, address));
  if (limit.limited) {
    if (user) {
      await recordAuditEvent(db, null, {
        type: "auth.sign_in_failed",
        entity: { type: "user", id: user.id },
        data: { reason: "rate_limited" },
      });
    }
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  }

  // No account, or one without a password (organisation sign-in only, or an invitation not yet
  // accepted): the same answer and the same time as a wrong password.
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    if (user) await recordAuditEvent(db, null, { type: "auth.sign_in_failed", entity: { type: "user", id: user.id }, data: { reason: "no_password" } });
    return { ok: false, reason: "invalid" };
  }
  const matches = await verifyPassword(user.passwordHash, password);
  if (!matches || !user.isActive) {
    await recordAuditEvent(db, null, {
      type: "auth.sign_in_failed",
      entity: { type: "user", id: user.id },
      data: { reason: matches ? "inactive" : "wrong_password" },
    });
    return { ok: false, reason: "invalid" };
  }
  await release(db, limit.reservation);
  const session = await db.transaction((tx) => openSession(tx, user.id, { method: "credentials", userAgent, address }));
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    sessionId: session.id,
    awaitingSecondFactor: session.awaitingSecondFactor,
  };
}
