import { sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { drainJobs, type JobHandler } from "@/lib/jobs/worker";

/**
 * Runs an evidence item's jobs until none is due, skipping the backoff between attempts: a job
 * that fails every time is run to its last attempt and given up.
 */
export async function drainJobsPastBackoff(db: Db, evidenceId: string, handlers: Record<string, JobHandler>) {
  do {
    await db.execute(sql`update jobs set run_after = now() where evidence_id = ${evidenceId}`);
  } while ((await drainJobs(db, handlers)) > 0);
}
