import "server-only";
import type { Db } from "@/db/connect";
import type { Job } from "@/db/schema";
import { WORKER_LANES } from "./lanes";
import { pause } from "./pause";
import { claimNextJob, completeJob, failJob } from "./queue";

export type JobHandler = { run: (db: Db, job: Job) => Promise<void>; onGiveUp: (db: Db, job: Job, error: unknown) => Promise<void> };

/** Work every due job now (none more once `signal` aborts: the one running finishes); returns how many ran. Used by the loop and by tests. */
export async function drainJobs(db: Db, handlers: Record<string, JobHandler>, { max = Infinity, signal }: { max?: number; signal?: AbortSignal } = {}): Promise<number> {
  let count = 0;
  while (count < max && !signal?.aborted) {
    const job = await claimNextJob(db);
    if (!job) break;
    count += 1;
    const handler = handlers[job.kind] ?? handlers["*"];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler.run(db, job);
      await completeJob(db, job.id);
    } catch (error) {
      const outcome = await failJob(db, job, error);
      console.error(`[jobs] ${job.kind} ${job.id} failed (${outcome}):`, error instanceof Error ? error.message : error);
      if (outcome === "failed" && handler) await handler.onGiveUp(db, job, error).catch(() => {});
    }
  }
  return count;
}

/** Poll for due jobs until `signal` aborts, `lanes` jobs at a time. */
export async function runWorkerLoop(db: Db, handlers: Record<string, JobHandler>, signal: AbortSignal, { pollMs = 1000, lanes = WORKER_LANES } = {}) {
  const lane = async () => {
    while (!signal.aborted) {
      try {
        const ran = await drainJobs(db, handlers, { max: 50, signal });
        if (ran > 0) continue;
      } catch (error) {
        console.error("[jobs] worker error:", error instanceof Error ? error.message : error);
      }
      await pause(pollMs, signal);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}
