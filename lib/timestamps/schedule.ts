import "server-only";
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents, jobs, projectionCursors, timeStamps } from "@/db/schema";
import { readAuditHead } from "@/lib/audit/verify-chain";
import { enqueueJob } from "@/lib/jobs/queue";
import { type TimeStampConfig, timeStampConfig } from "./config";
import { TIME_STAMP_JOB_KINDS, TIME_STAMP_MAX_ATTEMPTS } from "./jobs";

/**
 * How far each kind of stamp has read the audit log (rows of `projection_cursors`). Seals are
 * stamped from the chain's start, so every public page is; evidence from where stamping began
 * (the head when the cursor is first made): "each new item".
 */
export const SEALS_CURSOR = "time-stamps.seals";
export const EVIDENCE_CURSOR = "time-stamps.evidence";
/** Events read per transaction. */
const BATCH = 200;

/** The events whose hashes or bytes are stamped: every page's seal; each item's bytes as they arrive. */
const SEALED = ["entry.sealed"];
const NEW_BYTES = ["evidence.added", "evidence.captured"];

export type ScheduleResult = { events: number; evidence: number; chain: boolean };

/**
 * Finds what is to be stamped and queues it as jobs (the worker asks the authority: no
 * transaction waits on it): each seal event (`entry.sealed`: every public page is stamped through
 * its seal alone, since the public export has gaps in the chain), each item's new bytes, and the
 * chain's head when the chain has grown and its last stamp is older than TSA_INTERVAL_MINUTES (or
 * there is none) and none is waiting. The cursors move in the transaction that queues the jobs, and
 * are taken FOR UPDATE, so two processes never queue one event twice. Stamps are never audit
 * events: stamping the head would grow the chain it stamps. Without TSA_URL nothing is queued.
 */
export async function scheduleTimeStamps(db: Db, config: TimeStampConfig = timeStampConfig(), now = new Date()): Promise<ScheduleResult> {
  const result: ScheduleResult = { events: 0, evidence: 0, chain: false };
  if (!config.url) return result;
  for (;;) {
    const read = await db.transaction(async (tx) => {
      const seals = await lockCursor(tx, SEALS_CURSOR, 0);
      const items = await lockCursor(tx, EVIDENCE_CURSOR, null);
      const sealed = await eventsAfter(tx, SEALED, seals);
      for (const event of sealed) await enqueueJob(tx, { kind: TIME_STAMP_JOB_KINDS.event, evidenceId: null, payload: { seq: event.seq }, maxAttempts: TIME_STAMP_MAX_ATTEMPTS });
      if (sealed.length) await moveCursor(tx, SEALS_CURSOR, sealed[sealed.length - 1].seq);
      const added = await eventsAfter(tx, NEW_BYTES, items);
      for (const event of added) {
        if (event.entityType === "evidence" && event.sha256) {
          await enqueueJob(tx, { kind: TIME_STAMP_JOB_KINDS.evidence, evidenceId: event.entityId, maxAttempts: TIME_STAMP_MAX_ATTEMPTS });
          result.evidence += 1;
        }
      }
      if (added.length) await moveCursor(tx, EVIDENCE_CURSOR, added[added.length - 1].seq);
      result.events += sealed.length;
      return Math.max(sealed.length, added.length);
    });
    if (read < BATCH) break;
  }
  result.chain = await db.transaction(async (tx) => {
    await lockCursor(tx, SEALS_CURSOR, 0); // one process decides at a time
    if (!(await isChainStampDue(tx, config, now))) return false;
    await enqueueJob(tx, { kind: TIME_STAMP_JOB_KINDS.chain, evidenceId: null, maxAttempts: TIME_STAMP_MAX_ATTEMPTS });
    return true;
  });
  return result;
}

/** Due when the chain has grown past the last chain stamp, that stamp is old enough, and no chain stamp is waiting. */
async function isChainStampDue(tx: Db, config: TimeStampConfig, now: Date): Promise<boolean> {
  const head = await readAuditHead(tx);
  if (!head) return false;
  const [last] = await tx
    .select({ seq: timeStamps.seq, createdAt: timeStamps.createdAt })
    .from(timeStamps)
    .where(eq(timeStamps.subjectType, "chain"))
    .orderBy(desc(timeStamps.createdAt))
    .limit(1);
  if (last && ((last.seq ?? 0) >= head.seq || now.getTime() - last.createdAt.getTime() < config.intervalMinutes * 60_000)) return false;
  const [waiting] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.state, ["pending", "running"]), eq(jobs.kind, TIME_STAMP_JOB_KINDS.chain)))
    .limit(1);
  return !waiting;
}

/** The cursor's seq, taken FOR UPDATE; a missing row starts at `start` (null: the head now). */
async function lockCursor(tx: Db, name: string, start: number | null): Promise<number> {
  const read = () => tx.select({ seq: projectionCursors.seq }).from(projectionCursors).where(eq(projectionCursors.name, name)).for("update");
  let [row] = await read();
  if (!row) {
    const seq = start ?? (await readAuditHead(tx))?.seq ?? 0;
    await tx.insert(projectionCursors).values({ name, seq }).onConflictDoNothing();
    [row] = await read();
  }
  return row.seq;
}

async function moveCursor(tx: Db, name: string, seq: number) {
  await tx.update(projectionCursors).set({ seq }).where(eq(projectionCursors.name, name));
}

/** The next events of these types after `seq`, oldest first, with the SHA-256 their data names. */
async function eventsAfter(tx: Db, types: string[], seq: number) {
  return tx
    .select({ seq: auditEvents.seq, entityType: auditEvents.entityType, entityId: auditEvents.entityId, sha256: sql<string | null>`${auditEvents.data}->>'sha256'` })
    .from(auditEvents)
    .where(and(types.length === 1 ? eq(auditEvents.type, types[0]) : inArray(auditEvents.type, types), gt(auditEvents.seq, seq)))
    .orderBy(asc(auditEvents.seq))
    .limit(BATCH);
}
