import "server-only";
import { is, type SQL, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { type Db, rowsOf } from "@/db/connect";
import * as schema from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import type { TBackupColumn } from "./manifest";

export type CatalogColumn = TBackupColumn & {
  isJson: boolean;
  isCollatable: boolean;
  isGenerated: boolean;
  // The sequence behind an identity or serial column, to be set past the restored values.
  sequence: string | null;
};

export type CatalogTable = {
  name: string;
  columns: CatalogColumn[];
  primaryKey: string[];
  // Columns that point at this same table (a duplicate claim, a merged person, an affiliated
  // source): restored in a second pass, since a row may point at one further down the file.
  selfReferences: string[];
  // Triggers of the app's own (claim_counts kept from claims, audit_events' append-only guard),
  // as opposed to the internal ones that check foreign keys.
  hasUserTriggers: boolean;
};

async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/**
 * Tables a backup leaves out: unfinished resumable uploads, whose bytes are parts in the store's
 * part space, never blobs (a backup copies blobs). As the single server's tus folder was never in
 * a backup, an upload under way is not: its client starts it again.
 */
export const UNBACKED_TABLES: ReadonlySet<string> = new Set(["resumable_uploads", "resumable_upload_parts"]);

/** The application's tables, as db/schema declares them (drizzle's bookkeeping lives elsewhere). */
export function schemaTableNames(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableConfig(table).name);
}

/**
 * The tables with their columns and keys, read from the live catalog in restore order (parents
 * first). The catalog, not the drizzle schema, is the truth for foreign keys: some are added by
 * hand in migrations (evidence → sources). A table in the database that db/schema does not name,
 * or the other way round, stops the backup rather than being silently left out.
 */
export async function readCatalog(db: Db): Promise<CatalogTable[]> {
  const declared = schemaTableNames();
  const present = (
    await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    )
  ).map((row) => row.name);
  const unknown = present.filter((name) => !declared.includes(name));
  const missing = declared.filter((name) => !present.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new AppError(
      "INVALID_STATE",
      `The database and db/schema disagree (${[...unknown.map((t) => `${t}: not in db/schema`), ...missing.map((t) => `${t}: not in the database`)].join("; ")}).`,
    );
  }
  const columns = await queryRows<{
    table: string;
    name: string;
    type: string;
    is_collatable: boolean;
    is_generated: boolean;
    sequence: string | null;
  }>(
    db,
    sql`select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
               a.attcollation <> 0 as is_collatable, a.attgenerated <> '' as is_generated,
               pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
  );
  const primaryKeys = await queryRows<{ table: string; name: string }>(
    db,
    sql`select c.relname as "table", a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position) on true
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where n.nspname = 'public' and i.indisprimary order by c.relname, k.position`,
  );
  const foreignKeys = await queryRows<{ child: string; parent: string; name: string }>(
    db,
    sql`select child.relname as child, parent.relname as parent, a.attname as name
        from pg_constraint f join pg_class child on child.oid = f.conrelid join pg_class parent on parent.oid = f.confrelid
        join pg_namespace n on n.oid = child.relnamespace
        join lateral unnest(f.conkey) as k(attnum) on true
        join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum
        where f.contype = 'f' and n.nspname = 'public' order by child.relname, f.conname`,
  );
  const triggered = (
    await queryRows<{ table: string }>(
      db,
      sql`select distinct c.relname as "table" from pg_trigger t join pg_class c on c.oid = t.tgrelid
          join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal`,
    )
  ).map((row) => row.table);
  const tables = declared.map(
    (name): CatalogTable => ({
      name,
      columns: columns
        .filter((c) => c.table === name)
        .map((c) => ({
          name: c.name,
          type: c.type,
          isJson: c.type === "jsonb" || c.type === "json",
          isCollatable: c.is_collatable,
          isGenerated: c.is_generated,
          sequence: c.sequence,
        })),
      primaryKey: primaryKeys.filter((k) => k.table === name).map((k) => k.name),
      selfReferences: [...new Set(foreignKeys.filter((f) => f.child === name && f.parent === name).map((f) => f.name))],
      hasUserTriggers: triggered.includes(name),
    }),
  );
  const parents = new Map(declared.map((name) => [name, new Set(foreignKeys.filter((f) => f.child === name && f.parent !== name).map((f) => f.parent))]));
  return inRestoreOrder(
    tables.filter((table) => !UNBACKED_TABLES.has(table.name)),
    parents,
  );
}

/**
 * Parents before children (Kahn's algorithm), ties kept in db/schema's order so the order is the
 * same on every run. A cycle between two tables cannot be restored by plain inserts: say so.
 */
export function inRestoreOrder<T extends { name: string }>(tables: T[], parents: Map<string, Set<string>>): T[] {
  const ordered: T[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !done.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => done.has(p)));
    if (!next) {
      const stuck = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new AppError("INVALID_STATE", `Foreign keys form a cycle between ${stuck.join(", ")}; the backup cannot order them.`);
    }
    ordered.push(next);
    done.add(next.name);
  }
  return ordered;
}
