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
 * `readEvents` and `readEventLines` below name the same columns in SQL.
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
 * Up to `limit` events after `after`, read as plainly as the drivers allow: through `execute`, not
 * the query builder (whose row mapping cost more than the hashing), with the time as epoch
 * milliseconds rather than a timestamp each driver parses its own way.
 */
async function readEvents(db: Db, after: number, limit = BATCH): Promise<StoredEvent[]> {
  const result = await db.execute(sql`
    select seq, (extract(epoch from occurred_at) * 1000)::bigint as at, actor_id as "actorId", type,
      entity_type as "entityType", entity_id as "entityId", data, prev_hash as "prevHash", hash
    from audit_events where seq > ${after} order by seq limit ${limit}`);
  return rowsOf<RawEvent>(result).map(({ at, seq, ...row }) => ({ ...row, seq: Number(seq), occurredAt: new Date(Number(at)) }));
}

/**
 * The whole log in seq order, a batch at a time (constant memory). The next batch is asked for
 * before this one is handed over, so on PostgreSQL the database reads while Node hashes.
 */
async function* batchesAhead<T>(read: (after: number) => Promise<T[]>, seqOf: (item: T) => number): AsyncGenerator<T[]> {
  let next: Promise<T[]> | null = read(0);
  try {
    while (next) {
      const items: T[] = await next;
      next = items.length === BATCH ? read(seqOf(items[items.length - 1])) : null;
      yield items;
    }
  } finally {
    next?.catch(() => {}); // stopped early: the read ahead is not needed
  }
}

/** Every stored event, parsed by the driver: what the app's own readers see. */
export function auditEventBatches(db: Db): AsyncGenerator<StoredEvent[]> {
  return batchesAhead((after) => readEvents(db, after), (event) => event.seq);
}

// The verifier's reading. PGlite pays for each column of each row far more than for its bytes:
// nine columns read about three times slower than the same text in one. So each event comes as
// one line of text, its fields joined by U+001F, `data` last as jsonb's text (parsed here with
// JSON.parse, as the drivers parse it). jsonb escapes control characters, so a line has eight
// separators unless a text column holds one itself; such a line is not trusted, and its event is
// read again the slow way. The fields are joined with ||, not concat_ws (which skips a null): a
// null where the schema forbids one leaves only the seq on the line (one field: read again the
// slow way), never a shorter line that a separator hidden in another field could make look whole.
const SEPARATOR = "\x1f";
const FIELDS = 9;

async function readEventLines(db: Db, after: number): Promise<string[]> {
  const result = await db.execute(sql`
    select coalesce(seq::text || chr(31) || ((extract(epoch from occurred_at) * 1000)::bigint)::text || chr(31) || coalesce(actor_id::text, '')
      || chr(31) || type || chr(31) || entity_type || chr(31) || entity_id || chr(31) || prev_hash || chr(31) || hash || chr(31) || data::text,
      seq::text) as line
    from audit_events where seq > ${after} order by seq limit ${BATCH}`);
  return rowsOf<{ line: string }>(result).map((row) => row.line);
}

/** Every stored event as one line of text (above), for the verifier; exported for the bench. */
export function auditEventLineBatches(db: Db): AsyncGenerator<string[]> {
  return batchesAhead((after) => readEventLines(db, after), (line) => Number(line.split(SEPARATOR, 1)[0]));
}

/** The event on a line, or null when the line does not parse (a text column holding the separator). */
export function readEventLine(line: string): StoredEvent | null {
  const fields = line.split(SEPARATOR);
  if (fields.length !== FIELDS) return null;
  const [seq, at, actorId, type, entityType, entityId, prevHash, hash, data] = fields;
  // actor_id is a uuid, so an empty field can only be null.
  return { seq: Number(seq), occurredAt: new Date(Number(at)), actorId: actorId || null, type, entityType, entityId, data: JSON.parse(data), prevHash, hash };
}

type CheckedEvent = { seq: number; prevHash: string; hash: string; hashMatches: boolean };

/**
 * The event on a line, when its hash matches. Anything else (a mismatch, a line that does not
 * parse) gives null, and the event is checked again through the driver: the lines only ever vouch
 * for an event, so what the verifier reports is what the exact reading finds. A match is proof
 * enough, because a line is a faithful copy of its row: a row changed in any column gives other
 * canonical bytes, which cannot hash to the stored hash.
 */
function checkEventLine(line: string): CheckedEvent | null {
  try {
    const event = readEventLine(line);
    if (!event || hashEvent(event) !== event.hash) return null;
    return { seq: event.seq, prevHash: event.prevHash, hash: event.hash, hashMatches: true };
  } catch {
    return null; // a time out of range: let the exact reading say what is wrong
  }
}

/** The event after `after`, read through the driver and hashed as the app wrote it. */
async function checkEventExactly(db: Db, after: number): Promise<CheckedEvent> {
  const [event] = await readEvents(db, after, 1);
  if (!event) throw new Error(`The audit event after ${after} was read, then could not be read again`);
  return { seq: event.seq, prevHash: event.prevHash, hash: event.hash, hashMatches: hashEvent(event) === event.hash };
}

/**
 * Walk the whole chain, recomputing each hash and checking each link and that no seq is missing.
 * Reports the first broken link.
 */
export async function verifyAuditChainUnchecked(db: Db): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for await (const lines of auditEventLineBatches(db)) {
    for (const line of lines) {
      // Every event before this one checked out, so this line is the event after expectedSeq - 1.
      const event = checkEventLine(line) ?? (await checkEventExactly(db, expectedSeq - 1));
      const broken = (problem: string): ChainVerification => ({ ok: false, events: count, head: prevHash, firstBroken: event.seq, problem });
      if (event.seq !== expectedSeq) {
        return { ...broken(tr("errors.chain.missing", { seq: expectedSeq })), firstBroken: expectedSeq };
      }
      if (event.prevHash !== prevHash) return broken(tr("errors.chain.prevHash"));
      if (!event.hashMatches) return broken(tr("errors.chain.hash"));
      prevHash = event.hash;
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
