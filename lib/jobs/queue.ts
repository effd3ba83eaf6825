import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { type Job, jobs } from "@/db/schema";
import { PermanentJobFailure } from "./permanent-failure";

const STALE_AFTER_MS = 10 * 60 * 1000;
/** The longest wait between two attempts: a job retried for days (a time-stamp while the authority is down) tries hourly. */
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * Add a job unless the same (kind, evidence) is queued already: enqueueing is idempotent. A job
 * about no evidence item (`evidenceId` null: a time-stamp of the audit chain) is not kept unique
 * by the table; whoever enqueues it keeps it once (lib/timestamps/schedule.ts, under its cursor).
 */
export async function enqueueJob(db: Db, job: { kind: string; evidenceId: string | null; payload?: unknown; maxAttempts?: number }) {
  await db
    .insert(jobs)
    .values({ kind: job.kind, evidenceId: job.evidenceId, payload: job.payload ?? {}, maxAttempts: job.maxAttempts ?? 5 })
    .onConflictDoNothing();
}

/**
 * Queue a job afresh, due now with all its attempts, whether or not it ran and failed before:
 * a person asked for it again (a failed capture's retry).
 */
export async function requeueJob(db: Db, job: { kind: string; evidenceId: string; maxAttempts?: number }) {
  const fresh = { state: "pending" as const, attempts: 0, runAfter: new Date(), lockedAt: null, lastError: null, updatedAt: new Date() };
  await db
    .insert(jobs)
    .values({ kind: job.kind, evidenceId: job.evidenceId, maxAttempts: job.maxAttempts ?? 5, ...fresh })
    .onConflictDoUpdate({ target: [jobs.kind, jobs.evidenceId], set: fresh });
}

/**
 * Take the next due job. `FOR UPDATE SKIP LOCKED` lets several workers share the table without
 * taking the same job; a job left running by a worker that died is taken again after 10 minutes.
 * Fairness: a job of an item whose adder has no job running goes first, so one person's long
 * upload holds one worker lane at most while others' items still flow.
 */
export async function claimNextJob(db: Db): Promise<Job | null> {
  await db
    .update(jobs)
    .set({ state: "pending", lockedAt: null })
    .where(and(eq(jobs.state, "running"), lt(jobs.lockedAt, new Date(Date.now() - STALE_AFTER_MS))));
  const rows = await db.execute(sql`
    update jobs set state = 'running', locked_at = now(), attempts = attempts + 1, updated_at = now()
    where id = (
      select j.id from jobs j
      left join evidence e on e.id = j.evidence_id
      where j.state = 'pending' and j.run_after <= now()
      order by exists (
        select 1 from jobs r join evidence re on re.id = r.evidence_id
        where r.state = 'running' and re.added_by_id = e.added_by_id
      ), j.run_after, j.created_at
      limit 1 for update of j skip locked
    )
    returning id`);
  const id = rowsOf<{ id: string }>(rows)[0]?.id;
  if (!id) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

export async function completeJob(db: Db, id: string) {
  await db.update(jobs).set({ state: "done", lockedAt: null, lastError: null, updatedAt: new Date() }).where(eq(jobs.id, id));
}

/**
 * Retry later with exponential backoff (5 s, 10 s, 20 s … an hour at most), or give up after maxAttempts, or at
 * once for a failure that trying again cannot mend (a decoder timing out on the same bytes).
 */
export async function failJob(db: Db, job: Job, error: unknown): Promise<"retry" | "failed"> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const giveUp = job.attempts >= job.maxAttempts || error instanceof PermanentJobFailure;
  await db
    .update(jobs)
    .set({
      state: giveUp ? "failed" : "pending",
      lockedAt: null,
      lastError: message,
      runAfter: new Date(Date.now() + Math.min(5000 * 2 ** (job.attempts - 1), MAX_BACKOFF_MS)),
      updatedAt: new Date(),
    })
    .where(eq(jobs.id, job.id));
  return giveUp ? "failed" : "retry";
}
