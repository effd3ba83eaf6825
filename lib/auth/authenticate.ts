import "server-only";
import { and, count, eq, gt, inArray, lt, min, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { signInFailures, users } from "@/db/schema";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/append-event";
import { burnPasswordCheck, verifyPassword } from "./password";
import { startSession } from "./sessions";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInUser = { id: string; role: string; name: string; email: string; sessionVersion: number };

export type SignInResult =
  | { ok: true; user: SignInUser; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * What was typed as the e-mail, as it is looked up and counted. An address holds no control
 * character (and PostgreSQL text no NUL): such input names no account, and is counted under the
 * empty one, rather than failing in the database.
 */
function normaliseEmail(email: string): string {
  const normalised = email.trim().toLowerCase().slice(0, 254);
  return /[\u0000-\u001F\u007F]/.test(normalised) ? "" : normalised.toWellFormed();
}

function keysFor(email: string, address: string) {
  return { account: `account:${normaliseEmail(email)}`, address: `address:${address}` };
}

/**
 * Whether sign-in is currently refused for this account or address, and for how long. Counts
 * failures in a sliding window; an attacker cycling addresses still hits the account limit.
 */
export async function checkSignInRateLimit(
  db: Db,
  email: string,
  address: string,
): Promise<{ limited: false } | { limited: true; retryAfterSeconds: number }> {
  const keys = keysFor(email, address);
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const rows = await db
    .select({ key: signInFailures.key, n: count(), oldest: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, [keys.account, keys.address]), gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  const tally = new Map(rows.map((r) => [r.key, { n: r.n, oldest: r.oldest ? new Date(r.oldest) : new Date() }]));
  const over = [
    [keys.account, MAX_FAILURES_PER_ACCOUNT],
    [keys.address, MAX_FAILURES_PER_ADDRESS],
  ] as const;
  for (const [key, max] of over) {
    const t = tally.get(key);
    if (t && t.n >= max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((t.oldest.getTime() + SIGN_IN_WINDOW_MS - Date.now()) / 1000));
      return { limited: true, retryAfterSeconds };
    }
  }
  return { limited: false };
}

/**
 * Count this attempt as a failure before the password is checked, under a lock per account and
 * per address: concurrent guesses cannot all pass the limit check before any of them is counted.
 * A successful attempt takes its reservation back.
 */
async function reserveAttempt(db: Db, email: string, address: string) {
  const keys = keysFor(email, address);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${keys.account}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${keys.address}))`);
    const limit = await checkSignInRateLimit(tx, email, address);
    if (limit.limited) return limit;
    const rows = await tx
      .insert(signInFailures)
      .values([{ key: keys.account }, { key: keys.address }])
      .returning({ id: signInFailures.id });
    await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(Date.now() - SIGN_IN_WINDOW_MS)));
    return { limited: false as const, reservation: rows.map((r) => r.id) };
  });
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

  const limit = await reserveAttempt(db, normalised, address);
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

  if (!user) {
    await burnPasswordCheck(password);
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
  await db.delete(signInFailures).where(inArray(signInFailures.id, limit.reservation));
  const session = await db.transaction(async (tx) => {
    const started = await startSession(tx, user.id, { userAgent });
    await appendAuditEvent(tx, user.id, {
      type: "auth.sign_in_succeeded",
      entity: { type: "user", id: user.id },
      data: { method: "credentials", sessionId: started.id },
    });
    return started;
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    sessionId: session.id,
  };
}
