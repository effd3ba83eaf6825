import "server-only";
import { asc, desc, gt } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { GENESIS_HASH, hashEvent } from "./chain";

export type ChainVerification = {
  ok: boolean;
  events: number;
  head: string;
  firstBroken: number | null;
  problem: string | null;
};

const BATCH = 2000;

/**
 * Walk the whole chain in seq order, a batch at a time (constant memory), recomputing each hash
 * and checking each link and that no seq is missing. Reports the first broken link.
 */
export async function verifyAuditChainUnchecked(db: Db): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    for (const row of rows) {
      const broken = (problem: string): ChainVerification => ({
        ok: false,
        events: count,
        head: prevHash,
        firstBroken: row.seq,
        problem,
      });
      if (row.seq !== expectedSeq) {
        return { ...broken(`event ${expectedSeq} is missing`), firstBroken: expectedSeq };
      }
      if (row.prevHash !== prevHash) return broken("prev_hash does not match the event before");
      if (hashEvent(row) !== row.hash) return broken("hash does not match the event's content");
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < BATCH) break;
  }
  return { ok: true, events: count, head: prevHash, firstBroken: null, problem: null };
}

export async function verifyAuditChain(db: Db, actor: Actor | null): Promise<ChainVerification> {
  assertCan(actor, "audit.verify");
  return verifyAuditChainUnchecked(db);
}

/** The head hash as last appended, for the public footer: cheap, no walk. */
export async function readAuditHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const [head] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return head ?? null;
}
