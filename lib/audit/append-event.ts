import "server-only";
import { desc, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents } from "@/db/schema";
import { reportCommitted } from "@/lib/effects/committed";
import { GENESIS_HASH, hashEvent } from "./chain";
import { type TAuditEventBody, ZAuditEventBody } from "./events";

// Any constant works; it only has to be the same for every appender.
const AUDIT_APPEND_LOCK = 727_002;

/**
 * Hold the chain until the transaction ends: no one else appends meanwhile, so the next event's
 * number is known before it is written (lib/public-pages seals pages that name it). Taken again by
 * the same transaction, it is a no-op.
 */
export async function lockAuditChain(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`);
}

/**
 * Append one event to the chain. Call inside the transaction that makes the change, so the change
 * and its record commit together. The transaction-scoped advisory lock serialises appenders (the
 * chain never forks) and is released at commit; readers are not blocked.
 */
export async function appendAuditEvent(
  tx: Db,
  actorId: string | null,
  body: TAuditEventBody,
): Promise<{ seq: number; hash: string }> {
  const event = ZAuditEventBody.parse(body);
  await lockAuditChain(tx);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    // Whole milliseconds, so the stored timestamp reads back exactly as it was hashed.
    occurredAt: new Date(Math.floor(Date.now())),
    actorId,
    type: event.type,
    entityType: event.entity.type,
    entityId: event.entity.id,
    // A JSON round trip drops undefined and normalises dates, as jsonb will store it.
    data: JSON.parse(JSON.stringify(event.data)),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = hashEvent(fields);
  await tx.insert(auditEvents).values({ ...fields, hash });
  // The after-commit hook fans new events out as notifications. It reads the log itself, so an
  // event rolled back after this report is simply not there to fan out.
  reportCommitted({ type: "audit.appended" });
  return { seq: fields.seq, hash };
}

/** Record an event that is a change of its own (a sign-in, say), in a transaction of its own. */
export function recordAuditEvent(db: Db, actorId: string | null, body: TAuditEventBody) {
  return db.transaction((tx) => appendAuditEvent(tx as unknown as Db, actorId, body));
}
