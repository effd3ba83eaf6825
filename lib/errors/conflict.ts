import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { AppError } from "./app-error";
import { tr } from "@/lib/i18n/translate";

/** What a versioned change is to, as its conflict names it ("The claim has changed…"). */
export type VersionedThing = "claim" | "person" | "personVisibility" | "source" | "item" | "comment" | "note" | "incident" | "casualty";

/**
 * Optimistic concurrency, said one way everywhere: the version the person acted on must still be
 * current (checked before any other rule), and the guarded UPDATE must still find it.
 */
export function assertCurrentVersion(sent: number, current: number, what: VersionedThing): void {
  if (sent !== current) {
    throw new AppError("CONFLICT", tr("errors.conflict.changedSince", { what, sent, current }));
  }
}

/** The guarded UPDATE found no row: someone else's change won in between. */
export function lostUpdate(what: VersionedThing): AppError {
  return new AppError("CONFLICT", tr("errors.conflict.lostUpdate", { what }));
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
  what: VersionedThing,
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
