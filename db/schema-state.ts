import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Database, type Db, migrationsFolder, rowsOf } from "./connect";

/**
 * Whether a database's schema is the one this code was written for: the newest migration the
 * database has applied against the newest in the code's journal (drizzle records each applied
 * migration's journal time in `drizzle.__drizzle_migrations`). `older`: migrations of this code are
 * not applied yet; `newer`: a newer release migrated the database, and this code does not know its
 * tables. A server serves only `current` (lib/server/database.ts, the readiness check).
 */
export type SchemaState = {
  state: "current" | "older" | "newer";
  /** The code's newest migration (its journal tag, e.g. `0024_incidents`). */
  code: string;
  /** The database's newest applied migration: its tag when the code knows it, else its journal time; null when none is applied. */
  database: string | null;
};

type JournalEntry = { when: number; tag: string };

let journal: JournalEntry[] | undefined;

function codeMigrations(): JournalEntry[] {
  journal ??= (JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
  return journal;
}

function sqlStateOf(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return typeof code === "string" ? code : typeof cause?.code === "string" ? cause.code : undefined;
}

export async function readSchemaState(db: Db): Promise<SchemaState> {
  const entries = codeMigrations();
  const newest = entries[entries.length - 1];
  const applied = await db
    .execute(sql`select max(created_at)::text as "when" from drizzle.__drizzle_migrations`)
    .then((result) => rowsOf<{ when: string | null }>(result)[0]?.when ?? null)
    // No migrations table (undefined_table, as drizzle's error carries it): nothing was ever applied.
    .catch((error: unknown) => (sqlStateOf(error) === "42P01" ? null : Promise.reject(error)));
  if (applied === null) return { state: "older", code: newest.tag, database: null };
  const when = Number(applied);
  const database = entries.find((entry) => entry.when === when)?.tag ?? new Date(when).toISOString();
  const state = when === newest.when ? "current" : when < newest.when ? "older" : "newer";
  return { state, code: newest.tag, database };
}

/** Thrown where a server would otherwise serve a schema its code was not written for. */
export class SchemaMismatchError extends Error {
  constructor(readonly schema: SchemaState) {
    super(
      schema.state === "newer"
        ? `the database's schema (${schema.database}) is newer than this server's code (${schema.code}): upgrade this server`
        : `the database's schema (${schema.database ?? "empty"}) is older than this server's code (${schema.code}): run \`npm run db:migrate\`, or start with MIGRATE=auto`,
    );
    this.name = "SchemaMismatchError";
  }
}

export async function assertSchemaCurrent(db: Db): Promise<void> {
  const schema = await readSchemaState(db);
  if (schema.state !== "current") throw new SchemaMismatchError(schema);
}

/**
 * A database migrated to this code's schema (or, without `migrate`, found at it), as a server and
 * the command line require; else the reason is thrown. Every opener of the app's database calls it.
 */
export async function atCodeSchema(database: Database, { migrate }: { migrate: boolean }): Promise<Db> {
  if (migrate) await database.migrate();
  await assertSchemaCurrent(database.db);
  return database.db;
}
