import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { AppError } from "./app-error";

/**
 * Optimistic concurrency, said one way everywhere: the version the person acted on must still be
 * current (checked before any other rule), and the guarded UPDATE must still find it.
 */
export function assertCurrentVersion(sent: number, current: number, what: string): void {
  if (sent !== current) {
    throw new AppError(
      "CONFLICT",
      `The ${what} has changed since you loaded it (you acted on version ${sent}, it is now ${current}). Reload and try again.`,
    );
  }
}

/** The guarded UPDATE found no row: someone else's change won in between. */
export function lostUpdate(what: string): AppError {
  return new AppError("CONFLICT", `Someone else changed the ${what} at the same moment. Reload and try again.`);
}

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * The guarded UPDATE of a versioned row, said once: `set` applies, and the version goes up by
 * one, only where the row still has the version the person acted on (and `alsoWhere`, when a
 * state must still hold); a row changed in between throws `lostUpdate(what)`. Returns the row as
 * it now is. Run it in the transaction that appends the change's audit event.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Db,
  table: T,
  acted: { id: string; version: number },
  set: PgUpdateSetSource<T>,
  what: string,
  alsoWhere?: SQL,
): Promise<T["$inferSelect"]> {
  const rows = (await tx
    .update(table)
    .set({ ...set, version: sql`${table.version} + 1` })
    .where(and(eq(table.id, acted.id), eq(table.version, acted.version), alsoWhere))
    .returning()) as T["$inferSelect"][];
  if (!rows[0]) throw lostUpdate(what);
  return rows[0];
}
