import { sql } from "drizzle-orm";
import type { Db } from "@/db/connect";

type Table =
  | "claims"
  | "audit_events"
  | "api_tokens"
  | "published_entries"
  | "sign_in_failures"
  | "users"
  | "sessions"
  | "persons"
  | "person_names"
  | "person_name_keys"
  | "claim_persons"
  | "figures"
  | "comments"
  | "evidence"
  | "evidence_notes"
  | "incidents"
  | "incident_claims"
  | "casualty_records"
  | "incident_versions";

/** Rows in a table, counted by the database itself. */
export async function rowCount(db: Db, table: Table): Promise<number> {
  // both drivers (PGlite and node-postgres) answer execute() with { rows }
  const result = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(result.rows[0].n);
}

/** The row counts a refused mutation must leave as they were. */
export async function snapshotCounts(db: Db) {
  return { claims: await rowCount(db, "claims"), auditEvents: await rowCount(db, "audit_events") };
}
