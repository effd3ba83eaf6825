import "server-only";
import { and, count, gt, inArray, lt, min, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { signInFailures } from "@/db/schema";

/** A counter and how many failures it allows in the window (`key` names what is counted: an account, an address, a person's codes). */
export type Limit = { key: string; max: number };

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type LimitCheck = { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * Whether any of the counters has reached its limit in the sliding window, and when the oldest
 * failure that keeps it there ages out. The one table of failures serves every door that guesses
 * can be made at: sign-in, second-factor codes, reset requests.
 */
export async function checkLimits(db: Db, limits: readonly Limit[]): Promise<LimitCheck> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const rows = await db
    .select({ key: signInFailures.key, n: count(), oldest: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, limits.map((l) => l.key)), gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  const tally = new Map(rows.map((r) => [r.key, { n: r.n, oldest: r.oldest ? new Date(r.oldest) : new Date() }]));
  for (const { key, max } of limits) {
    const t = tally.get(key);
    if (t && t.n >= max) {
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((t.oldest.getTime() + FAILURE_WINDOW_MS - Date.now()) / 1000)) };
    }
  }
  return { limited: false };
}

export type Reservation = { limited: false; reservation: string[] } | { limited: true; retryAfterSeconds: number };

/**
 * Counts this attempt as a failure before it is checked, under a lock per counter: concurrent
 * guesses cannot all pass the limit check before any of them is counted. An attempt that succeeds
 * takes its reservation back (`release`); one that fails leaves it counted.
 */
export async function reserveAttempt(db: Db, limits: readonly Limit[]): Promise<Reservation> {
  return db.transaction(async (tx) => {
    for (const { key } of [...limits].sort((a, b) => a.key.localeCompare(b.key))) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    }
    const limit = await checkLimits(tx, limits);
    if (limit.limited) return limit;
    const rows = await tx
      .insert(signInFailures)
      .values(limits.map(({ key }) => ({ key })))
      .returning({ id: signInFailures.id });
    await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(Date.now() - FAILURE_WINDOW_MS)));
    return { limited: false as const, reservation: rows.map((r) => r.id) };
  });
}

/** Takes a successful attempt's reservation back. */
export async function release(db: Db, reservation: readonly string[]): Promise<void> {
  if (reservation.length) await db.delete(signInFailures).where(inArray(signInFailures.id, [...reservation]));
}
