import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The events the public export carries (publications, corrections, retractions), as SQL over
 * `audit_events`. Queries use this very text so the planner can use the partial index below.
 */
export const PUBLIC_AUDIT_EVENTS_PREDICATE =
  "type = 'claim.transitioned' and entity_type = 'claim' and (data->>'action') in ('publish', 'correct', 'publish_correction', 'retract')";

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
