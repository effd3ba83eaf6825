import "server-only";
import { desc, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { auditEvents } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { tr } from "@/lib/i18n/translate";
import { type ChainedFields, GENESIS_HASH, hashEvent } from "./chain";

export type ChainVerification = {
  ok: boolean;
  events: number;
  head: string;
  firstBroken: number | null;
  problem: string | null;
};

const BATCH = 5000;

export type StoredEvent = ChainedFields & { hash: string };

/**
 * The columns of a stored event (what its hash covers, and the hash) for the query builder: every
 * reader that shows events for checking selects this one list (lib/audit/list-events.ts,
 * lib/publishing/public-audit-events.ts), so none can drift from what verification hashes.
 * `readEvents` below names the same columns in SQL, read as plainly as the drivers allow.
 */
export const STORED_EVENT_COLUMNS = {
  seq: auditEvents.seq,
  occurredAt: auditEvents.occurredAt,
  actorId: auditEvents.actorId,
  type: auditEvents.type,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  data: auditEvents.data,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
} satisfies Record<keyof StoredEvent, unknown>;
type RawEvent = Omit<StoredEvent, "seq" | "occurredAt"> & { seq: number | string; at: number | string };

/**
 * One batch of events after `after`, read as plainly as the drivers allow: through `execute`, not
 * the query builder (whose row mapping cost more than the hashing), with the time as epoch
 * milliseconds rather than a timestamp each driver parses its own way.
 */
async function readEvents(db: Db, after: number): Promise<StoredEvent[]> {
  const result = await db.execute(sql`
    select seq, (extract(epoch from occurred_at) * 1000)::bigint as at, actor_id as "actorId", type,
      entity_type as "entityType", entity_id as "entityId", data, prev_hash as "prevHash", hash
    from audit_events where seq > ${after} order by seq limit ${BATCH}`);
  return rowsOf<RawEvent>(result).map(({ at, seq, ...row }) => ({ ...row, seq: Number(seq), occurredAt: new Date(Number(at)) }));
}

/**
 * The whole log in seq order, a batch at a time (constant memory). The next batch is asked for
 * before this one is handed over, so on PostgreSQL the database reads while Node hashes.
 */
export async function* auditEventBatches(db: Db): AsyncGenerator<StoredEvent[]> {
  let next: Promise<StoredEvent[]> | null = readEvents(db, 0);
  try {
    while (next) {
      const rows: StoredEvent[] = await next;
      next = rows.length === BATCH ? readEvents(db, rows[rows.length - 1].seq) : null;
      yield rows;
    }
  } finally {
    next?.catch(() => {}); // stopped early: the read ahead is not needed
  }
}

/**
 * Walk the whole chain, recomputing each hash and checking each link and that no seq is missing.
 * Reports the first broken link.
 */
export async function verifyAuditChainUnchecked(db: Db): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for await (const rows of auditEventBatches(db)) {
    for (const row of rows) {
      const broken = (problem: string): ChainVerification => ({ ok: false, events: count, head: prevHash, firstBroken: row.seq, problem });
      if (row.seq !== expectedSeq) {
        return { ...broken(tr("errors.chain.missing", { seq: expectedSeq })), firstBroken: expectedSeq };
      }
      if (row.prevHash !== prevHash) return broken(tr("errors.chain.prevHash"));
      if (hashEvent(row) !== row.hash) return broken(tr("errors.chain.hash"));
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
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
