import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";

/** A database handle or a transaction on one: every data function takes this first. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  driver: "pglite" | "postgres";
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /** PostgreSQL's connection pool as it stands (the metrics'); none for PGlite. */
  pool?: () => { total: number; idle: number; waiting: number; max: number };
};

/** Optional hooks; `logQuery` sees every statement the app sends (the query-plan test records them). */
export type ConnectOptions = { logQuery?: (query: string, params: unknown[]) => void };
const loggerOf = ({ logQuery }: ConnectOptions) => (logQuery ? { logQuery } : undefined);

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
const MIGRATION_LOCK = 727_001;

/**
 * PGlite in `dir` (or in memory when `dir` is null). `loadDataDir`, for an in-memory database, is
 * a tarball of a data folder to start from instead of an empty one (PGlite's `dumpDataDir`).
 */
export function connectPglite(dir: string | null, options: ConnectOptions = {}, loadDataDir?: Blob): Database {
  const client = dir ? new PGlite(dir) : new PGlite({ loadDataDir });
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger: loggerOf(options) }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(drizzlePglite({ client, casing: "snake_case" }), { migrationsFolder }),
    close: () => client.close(),
  };
}

export function connectPostgres(url: string, max = 10, options: ConnectOptions = {}): Database {
  // A connection (or a free slot in the pool) is waited for 10 s at most: then the request fails
  // (a 503) rather than hanging while the database is unreachable.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // A dropped idle connection must not crash the process; the next query gets a new one.
  pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  const db = drizzlePg({ client: pool, schema, casing: "snake_case", logger: loggerOf(options) }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    migrate: async () => {
      // Several app servers may start at once: one migrates, the others wait.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migratePg(drizzlePg({ client, casing: "snake_case" }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
  };
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The rows of a raw `db.execute` (both drivers answer `{ rows }`; their types differ). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
