import "server-only";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";
import { readAuditHead, verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { AppError } from "@/lib/errors/app-error";
import { type CatalogTable, readCatalog } from "./catalog";
import { readLines, rowsText } from "./files";
import type { TBackupManifest, TBackupTable } from "./manifest";
import { readAppliedMigration } from "./migration";

export const RESTORE_BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

type Pair = { table: CatalogTable; saved: TBackupTable };

async function countRows(db: Db, table: string): Promise<number> {
  const [row] = rowsOf<{ n: string }>(await db.execute(sql`select count(*)::text as n from ${sql.identifier(table)}`));
  return Number(row.n);
}

/**
 * The backup's tables matched to this database's, refused unless both are at the same migration
 * with the same columns: rows are restored as they were, never reshaped to another schema.
 */
export async function matchSchema(db: Db, manifest: TBackupManifest): Promise<Pair[]> {
  const migration = await readAppliedMigration(db);
  if (migration.createdAt !== manifest.migration.createdAt) {
    throw new AppError(
      "INVALID_STATE",
      `The backup is of schema ${manifest.migration.tag ?? manifest.migration.createdAt}; this database is at ${migration.tag ?? migration.createdAt}. ` +
        "Restore with the version of Corroborate that made the backup, then upgrade.",
    );
  }
  const catalog = await readCatalog(db);
  const differs = (name: string) => {
    throw new AppError("INVALID_STATE", `The backup's table ${name} does not have this database's columns; nothing was restored.`);
  };
  if (catalog.length !== manifest.tables.length) differs(catalog.find((t) => !manifest.tables.some((s) => s.name === t.name))?.name ?? "list");
  return catalog.map((table) => {
    const saved = manifest.tables.find((s) => s.name === table.name);
    if (!saved) return differs(table.name);
    const same = saved.columns.length === table.columns.length && saved.columns.every((c, i) => c.name === table.columns[i].name && c.type === table.columns[i].type);
    if (!same) differs(table.name);
    return { table, saved };
  });
}

/**
 * Tables whose rows a new instance's migrations write (the team's notification settings, the
 * notifications' cursor at the audit head): an instance holding only those is empty, and the
 * restore replaces them with the backup's.
 */
const MIGRATION_SEEDED = new Set(["notification_settings", "projection_cursors"]);

/** Restore fills an empty instance only: anything in any table and it refuses, naming them. */
export async function assertEmpty(db: Db, tables: CatalogTable[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables.filter((t) => !MIGRATION_SEEDED.has(t.name))) {
    const n = await countRows(db, table.name);
    if (n > 0) filled.push(`${table.name}: ${rowsText(n)}`);
  }
  if (filled.length > 0) {
    throw new AppError(
      "CONFLICT",
      `The target database is not empty (${filled.join(", ")}). Restore fills an empty instance only: point DATA_DIR or DATABASE_URL at a new one. Nothing was changed.`,
    );
  }
}

/**
 * Rows back from their JSON: jsonb_populate_record turns each value into the column's type the
 * way the server reads text (exact timestamps, bigints, arrays); json(b) columns take the value
 * as is, a missing key being SQL NULL. Self-referencing columns are left NULL here and set by
 * `relinkBatch` once every row of the table is in. OVERRIDING SYSTEM VALUE keeps identity values (person_names.seq).
 */
function insertBatch(table: CatalogTable, batch: string): SQL {
  const columns = table.columns.filter((c) => !c.isGenerated);
  const values = columns.map((c) => {
    if (table.selfReferences.includes(c.name)) return sql`null`;
    if (c.isJson) return sql`case when r ? ${c.name} then (r -> ${c.name})::${sql.raw(c.type)} end`;
    return sql`p.${sql.identifier(c.name)}`;
  });
  return sql`insert into ${sql.identifier(table.name)} (${sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `)})
    overriding system value
    select ${sql.join(values, sql`, `)}
    from jsonb_array_elements(${batch}::jsonb) as r, lateral jsonb_populate_record(null::${sql.identifier(table.name)}, r) as p`;
}

/** The second pass: point rows at rows of their own table, now that all of them exist. */
function relinkBatch(table: CatalogTable, batch: string): SQL {
  const target = sql.identifier("restore_target");
  const sets = table.selfReferences.map((c) => sql`${sql.identifier(c)} = p.${sql.identifier(c)}`);
  const keys = table.primaryKey.map((k) => sql`${target}.${sql.identifier(k)} = p.${sql.identifier(k)}`);
  const anySet = table.selfReferences.map((c) => sql`p.${sql.identifier(c)} is not null`);
  return sql`update ${sql.identifier(table.name)} as ${target} set ${sql.join(sets, sql`, `)}
    from jsonb_array_elements(${batch}::jsonb) as r, lateral jsonb_populate_record(null::${sql.identifier(table.name)}, r) as p
    where ${sql.join(keys, sql` and `)} and (${sql.join(anySet, sql` or `)})`;
}

/** A table file in batches of lines, each handed to `run` as one JSON array: constant memory. */
async function eachBatch(file: string, batchRows: number, run: (batch: string) => Promise<void>): Promise<void> {
  let lines: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    await run(`[${lines.join(",")}]`);
    lines = [];
    chars = 0;
  };
  for await (const line of readLines(file)) {
    if (line.length === 0) continue;
    lines.push(line);
    chars += line.length;
    if (lines.length >= batchRows || chars >= BATCH_CHARS) await flush();
  }
  await flush();
}

/** Identity and serial sequences set past the restored values (and never behind the source's). */
async function resetSequences(tx: Db, tables: CatalogTable[], manifest: TBackupManifest) {
  for (const table of tables) {
    for (const column of table.columns.filter((c) => c.sequence)) {
      const saved = manifest.sequences.find((s) => s.table === table.name && s.column === column.name);
      const floor = saved?.isCalled ? saved.lastValue : 0;
      await tx.execute(sql`select setval(${column.sequence}::regclass, v, true)
        from (select greatest(coalesce(max(${sql.identifier(column.name)}), 0), ${floor}::bigint) as v from ${sql.identifier(table.name)}) as x
        where v > 0`);
    }
  }
}

/** After the inserts, before the commit: the rows, the audit chain and its head are as the backup says. */
async function assertRestored(tx: Db, pairs: Pair[], manifest: TBackupManifest) {
  for (const { table, saved } of pairs) {
    const n = await countRows(tx, table.name);
    if (n !== saved.rows) throw new AppError("INVALID_STATE", `${table.name} has ${n} rows after the restore, the backup ${saved.rows}; rolled back.`);
  }
  const chain = await verifyAuditChainUnchecked(tx);
  const head = await readAuditHead(tx);
  const expected = manifest.audit;
  const sameHead = head?.seq === expected.head?.seq && head?.hash === expected.head?.hash;
  if (!sameHead || chain.ok !== expected.chainVerified || chain.firstBroken !== expected.firstBroken) {
    throw new AppError(
      "INVALID_STATE",
      `The restored audit chain does not match the backup (head ${head ? `#${head.seq} ${head.hash}` : "none"}, ${chain.ok ? "verifies" : `broken at #${chain.firstBroken}`}; ` +
        `the backup recorded ${expected.head ? `#${expected.head.seq} ${expected.head.hash}` : "none"}, ${expected.chainVerified ? "verified" : `broken at #${expected.firstBroken}`}); rolled back.`,
    );
  }
  const blobRows = await countRows(tx, "blobs");
  if (blobRows !== manifest.blobs.count) {
    throw new AppError("INVALID_STATE", `The restored database names ${blobRows} blobs, the blob manifest ${manifest.blobs.count}; rolled back.`);
  }
}

/**
 * The app's triggers are off while rows go in, within this transaction only (ALTER TABLE is
 * transactional: a rollback or a crash leaves them on). The backup already holds what they
 * derive — claim_counts counted from claims — so firing them again would count every claim twice.
 * Foreign-key checks are internal triggers and stay on. Needs the tables' owner, the user that
 * ran the migrations.
 */
async function setUserTriggers(tx: Db, tables: CatalogTable[], enabled: boolean) {
  for (const table of tables.filter((t) => t.hasUserTriggers)) {
    await tx.execute(sql`alter table ${sql.identifier(table.name)} ${sql.raw(enabled ? "enable" : "disable")} trigger user`);
  }
}

/** A database error while restoring a table, said in a sentence (the transaction rolls back). */
async function explained<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new AppError("INVALID_STATE", `${what} failed (${cause instanceof Error ? cause.message : String(cause)}); rolled back, nothing was restored.`);
  }
}

/**
 * Every row in one transaction, parents before children, checked before the commit: anything
 * wrong rolls the whole restore back. The tables are locked first, so nothing else writes into
 * them between the emptiness check and the commit (PostgreSQL; PGlite has one process anyway).
 */
export async function restoreTables(
  db: Db,
  dir: string,
  manifest: TBackupManifest,
  { log, batchRows }: { log: (line: string) => void; batchRows: number },
) {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const pairs = await matchSchema(tx, manifest);
    const tables = pairs.map((p) => p.table);
    await tx.execute(sql`lock table ${sql.join(tables.map((t) => sql.identifier(t.name)), sql`, `)} in exclusive mode`);
    await assertEmpty(tx, tables);
    for (const table of tables.filter((t) => MIGRATION_SEEDED.has(t.name))) await tx.execute(sql`delete from ${sql.identifier(table.name)}`);
    await explained("Turning the app's triggers off for the restore", () => setUserTriggers(tx, tables, false));
    for (const { table, saved } of pairs) {
      await explained(`Restoring ${table.name}`, () =>
        eachBatch(path.join(dir, saved.file), batchRows, async (batch) => {
          await tx.execute(insertBatch(table, batch));
        }),
      );
      log(`${table.name}: ${rowsText(saved.rows)}`);
    }
    for (const { table, saved } of pairs.filter((p) => p.table.selfReferences.length > 0)) {
      if (table.primaryKey.length === 0) throw new AppError("INVALID_STATE", `${table.name} refers to itself but has no primary key.`);
      await explained(`Linking ${table.name} to itself`, () =>
        eachBatch(path.join(dir, saved.file), batchRows, async (batch) => {
          await tx.execute(relinkBatch(table, batch));
        }),
      );
    }
    await setUserTriggers(tx, tables, true);
    await resetSequences(tx, tables, manifest);
    await assertRestored(tx, pairs, manifest);
  });
}
