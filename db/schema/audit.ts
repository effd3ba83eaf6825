import { sql } from "drizzle-orm";
import { bigint, customType, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Raw bytes (PostgreSQL `bytea`), read and written as Node buffers. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * The events the public export carries (publications, corrections, retractions, and the seals
 * that record the hashes of each version's pages), as SQL over
 * `audit_events`. Queries use this very text so the planner can use the partial index below.
 */
export const PUBLIC_AUDIT_EVENTS_PREDICATE =
  "entity_type = 'claim' and ((type = 'claim.transitioned' and (data->>'action') in ('publish', 'correct', 'publish_correction', 'retract')) or type = 'entry.sealed')";

/**
 * Append-only, hash-chained. `seq` is assigned by the appender under a lock, so it is
 * contiguous: a deleted row shows as a gap. A trigger (see migrations) rejects UPDATE,
 * DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    type: text("type").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    data: jsonb("data").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId, t.seq),
    // The audit log's filters (lib/audit/list-events.ts): by who acted, by type, by time.
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_type_idx").on(t.type, t.seq),
    index("audit_events_occurred_idx").on(t.occurredAt),
    // The public export's events (publications, corrections, retractions): a sliver of the log.
    index("audit_events_public_idx")
      .on(t.seq)
      .where(sql.raw(PUBLIC_AUDIT_EVENTS_PREDICATE)),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

/**
 * Time-stamp tokens (RFC 3161) from an outside time-stamping authority: over the audit chain's head
 * (`chain`, `seq` its event), over an evidence item's SHA-256 (`evidence`), or over one event's hash
 * (`event`, `seq` its number). `imprint` is the hex SHA-256 the token stamps; `token` the DER bytes
 * of the TimeStampToken as the authority answered it. Never an audit event themselves: a stamp of
 * the head would grow the chain it stamps.
 */
export const timeStamps = pgTable(
  "time_stamps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectType: text("subject_type", { enum: ["chain", "evidence", "event"] }).notNull(),
    imprint: text("imprint").notNull(),
    seq: bigint("seq", { mode: "number" }),
    evidenceId: uuid("evidence_id"),
    tsaUrl: text("tsa_url").notNull(),
    token: bytea("token").notNull(),
    genTime: timestamp("gen_time", { withTimezone: true, precision: 3 }).notNull(),
    serial: text("serial").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("time_stamps_subject_idx").on(t.subjectType, t.imprint),
    index("time_stamps_created_idx").on(t.subjectType, t.createdAt),
  ],
);

export type TimeStamp = typeof timeStamps.$inferSelect;
