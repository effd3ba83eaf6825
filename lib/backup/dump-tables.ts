import "server-only";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { readAuditHead, verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { type CatalogTable, readCatalog } from "./catalog";
import { createLineWriter, rowsText } from "./files";
import { readAppliedMigration } from "./migration";
import {
  BLOB_MANIFEST_FILE,
  type TBackupManifest,
  type TBackupSequence,
  type TBackupTable,
  TABLES_DIR,
  ZBlobEntry,
} from "./manifest";

export const DUMP_FETCH_ROWS = 500;
// Any name no table column uses: to_jsonb(<alias>) must mean the row, not a column.
const ROW = sql.identifier("backup_row");

export type DumpedDatabase = Pick<TBackupManifest, "migration" | "audit" | "tables" | "sequences"> & {
  blobs: { sha256: string; count: number; bytes: number };
};

// A literal, not a parameter: the query runs inside DECLARE CURSOR, which takes none.
const literal = (text: string) => sql.raw(`'${text.replaceAll("'", "''")}'::text`);

/**
 * Each row as the database's own JSON of it: timestamps keep every digit and their instant,
 * bigints and numerics are exact decimal text (never a JavaScript number), arrays stay arrays.
 * A json(b) column's SQL NULL drops its key, so it cannot be confused with a JSON `null` value.
 * Generated columns (the search vectors) are left out: the target computes them itself, by its
 * own text-search rules, which differ with the server's locale.
 */
function rowJson(table: CatalogTable): SQL {
  const dropped = [
    ...table.columns.filter((c) => c.isJson).map((c) => sql`case when ${ROW}.${sql.identifier(c.name)} is null then ${literal(c.name)} end`),
    ...table.columns.filter((c) => c.isGenerated).map((c) => literal(c.name)),
  ];
  if (dropped.length === 0) return sql`to_jsonb(${ROW})::text`;
  return sql`(to_jsonb(${ROW}) - array_remove(array[${sql.join(dropped, sql`, `)}], null))::text`;
}

/**
 * A stable order, so the same data always gives the same file (and the same hash) on either
 * driver: the primary key, else every column; text compared byte-wise (collation "C"), whatever
 * the server's locale.
 */
function rowOrder(table: CatalogTable): SQL {
  const names = table.primaryKey.length > 0 ? table.primaryKey : table.columns.map((c) => c.name);
  return sql.join(
    names.map((name) => {
      const column = table.columns.find((c) => c.name === name)!;
      return column.isCollatable ? sql`${ROW}.${sql.identifier(name)} collate "C"` : sql`${ROW}.${sql.identifier(name)}`;
    }),
    sql`, `,
  );
}

/** Stream one query's single text column into a file through a cursor: a batch in memory at a time. */
async function dumpQuery(tx: Db, query: SQL, file: string, fetchRows: number, onLine?: (line: string) => void) {
  const writer = createLineWriter(file);
  await tx.execute(sql`declare backup_cursor no scroll cursor for ${query}`);
  for (;;) {
    const rows = rowsOf<{ line: string }>(await tx.execute(sql.raw(`fetch forward ${fetchRows} from backup_cursor`)));
    for (const row of rows) {
      onLine?.(row.line);
      await writer.write(row.line);
    }
    if (rows.length < fetchRows) break;
  }
  await tx.execute(sql`close backup_cursor`);
  return writer.close();
}

async function dumpTable(tx: Db, table: CatalogTable, dir: string, fetchRows: number): Promise<TBackupTable> {
  if (table.columns.some((c) => c.name === "backup_row")) throw new Error(`${table.name} has a column named backup_row: rename the alias`);
  const file = `${TABLES_DIR}/${table.name}.jsonl`;
  const written = await dumpQuery(
    tx,
    sql`select ${rowJson(table)} as line from ${sql.identifier(table.name)} as ${ROW} order by ${rowOrder(table)}`,
    path.join(dir, file),
    fetchRows,
  );
  return {
    name: table.name,
    file,
    rows: written.lines,
    bytes: written.bytes,
    sha256: written.sha256,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
  };
}

async function readSequences(tx: Db, tables: CatalogTable[]): Promise<TBackupSequence[]> {
  const sequences: TBackupSequence[] = [];
  for (const table of tables) {
    for (const column of table.columns.filter((c) => c.sequence)) {
      const [row] = rowsOf<{ value: string | null }>(
        await tx.execute(sql`select pg_sequence_last_value(${column.sequence}::regclass)::text as value`),
      );
      const value = row?.value ?? null;
      sequences.push({ table: table.name, column: column.name, lastValue: Number(value ?? 1), isCalled: value !== null });
    }
  }
  return sequences;
}

/** Every blob the database names, with its size and type: what the store must hold. */
async function dumpBlobManifest(tx: Db, dir: string, fetchRows: number) {
  let bytes = 0;
  const written = await dumpQuery(
    tx,
    sql`select jsonb_build_object('sha256', sha256, 'size', size, 'mediaType', media_type)::text as line
        from blobs order by sha256 collate "C"`,
    path.join(dir, BLOB_MANIFEST_FILE),
    fetchRows,
    (line) => (bytes += ZBlobEntry.parse(JSON.parse(line)).size),
  );
  return { sha256: written.sha256, count: written.lines, bytes };
}

/**
 * The whole database as of one instant: one REPEATABLE READ, read-only transaction sees a single
 * snapshot across every table (PostgreSQL keeps serving writers meanwhile), and the audit chain is
 * verified and its head read in that same snapshot.
 */
export async function dumpDatabase(
  db: Db,
  dir: string,
  { log, fetchRows }: { log: (line: string) => void; fetchRows: number },
): Promise<DumpedDatabase> {
  return db.transaction(
    async (transaction) => {
      const tx = transaction as unknown as Db;
      // Output that is the same whatever the server's settings: instants in UTC, and floats
      // printed with the shortest digits that read back to the same value.
      await tx.execute(sql`set local timezone to 'UTC'`);
      await tx.execute(sql`set local extra_float_digits to 1`);
      const catalog = await readCatalog(tx);
      const tables: TBackupTable[] = [];
      for (const table of catalog) {
        const dumped = await dumpTable(tx, table, dir, fetchRows);
        log(`${table.name}: ${rowsText(dumped.rows)}`);
        tables.push(dumped);
      }
      const chain = await verifyAuditChainUnchecked(tx);
      const head = await readAuditHead(tx);
      const audit = {
        events: tables.find((t) => t.name === "audit_events")?.rows ?? 0,
        head: head ? { seq: head.seq, hash: head.hash } : null,
        chainVerified: chain.ok,
        firstBroken: chain.firstBroken,
      };
      return {
        migration: await readAppliedMigration(tx),
        tables,
        audit,
        sequences: await readSequences(tx, catalog),
        blobs: await dumpBlobManifest(tx, dir, fetchRows),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
