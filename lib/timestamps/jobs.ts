import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents, evidence, type Job } from "@/db/schema";
import { readAuditHead } from "@/lib/audit/verify-chain";
import type { JobHandler } from "@/lib/jobs/worker";
import { type TimeStampConfig, timeStampConfig } from "./config";
import { type StampTarget, stampTarget, type TimeStampSubject } from "./stamp-subject";

/** The job kinds of time-stamps, one per subject. */
export const TIME_STAMP_JOB_KINDS = {
  chain: "time-stamp.chain",
  event: "time-stamp.event",
  evidence: "time-stamp.evidence",
} as const satisfies Record<TimeStampSubject, string>;

/**
 * Tries before a stamp is given up: with the queue's backoff (5 s doubling, an hour at most), an
 * authority may be down for about three days before an admin has to look.
 */
export const TIME_STAMP_MAX_ATTEMPTS = 80;

/**
 * What a job stamps, read when it runs: the chain's head as it is then, a seal event's hash, an
 * item's bytes' SHA-256. Null when there is nothing to stamp (no event yet, an item without bytes).
 */
async function targetOf(db: Db, job: Job): Promise<StampTarget | null> {
  switch (job.kind) {
    case TIME_STAMP_JOB_KINDS.chain: {
      const head = await readAuditHead(db);
      return head ? { subject: "chain", imprint: head.hash, seq: head.seq, evidenceId: null } : null;
    }
    case TIME_STAMP_JOB_KINDS.event: {
      const seq = Number((job.payload as { seq?: unknown }).seq);
      if (!Number.isSafeInteger(seq)) throw new Error(`A time-stamp job without its event's number (${job.id})`);
      const [event] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, seq));
      return event ? { subject: "event", imprint: event.hash, seq, evidenceId: null } : null;
    }
    case TIME_STAMP_JOB_KINDS.evidence: {
      if (!job.evidenceId) return null;
      const [item] = await db.select({ sha256: evidence.blobSha256 }).from(evidence).where(eq(evidence.id, job.evidenceId));
      return item?.sha256 ? { subject: "evidence", imprint: item.sha256, seq: null, evidenceId: job.evidenceId } : null;
    }
    default:
      throw new Error(`Unknown time-stamp job kind ${job.kind}`);
  }
}

/**
 * The worker's handlers of time-stamp jobs. A failure (the authority down, refusing, or answering
 * a token that fails its check) is thrown, so the queue keeps its message on the job (the admin's
 * time-stamps screen shows it) and tries again later; after the last try the job is left failed
 * there, and a chain stamp is asked for afresh at the next pass.
 */
export function timeStampJobHandlers(config: TimeStampConfig = timeStampConfig()): Record<string, JobHandler> {
  const handler: JobHandler = {
    run: async (db, job) => {
      const target = await targetOf(db, job);
      if (target) await stampTarget(db, config, target);
    },
    onGiveUp: async (_db, job, error) => {
      console.error(`[time-stamps] gave up ${job.kind} ${job.id} after ${job.attempts} attempts:`, error instanceof Error ? error.message : error);
    },
  };
  return Object.fromEntries(Object.values(TIME_STAMP_JOB_KINDS).map((kind) => [kind, handler]));
}
