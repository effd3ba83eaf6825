import "server-only";
import path from "node:path";
import { dataDir, env } from "@/lib/env";
import { connectionFailureOf } from "@/lib/errors/unavailable";
import { type Database, type Db, connectPglite, connectPostgres } from "@/db/connect";
import { acquireDataDirLock } from "@/db/lock";
import { atCodeSchema } from "@/db/schema-state";

export type { Db } from "@/db/connect";

type Handle = { database: Database; ready: Promise<Db> };

// One client per process, kept on globalThis so dev reloads and route bundles share it.
const globalForDb = globalThis as unknown as { corroborateDb?: Handle };

/** Migrated to this code's schema (or, with MIGRATE=off, found at it): a server serves no other (db/schema-state.ts). */
function open(database: Database): Promise<Db> {
  return atCodeSchema(database, { migrate: env.MIGRATE === "auto" });
}

function createHandle(): Handle {
  let database: Database;
  if (env.DATABASE_URL) {
    database = connectPostgres(env.DATABASE_URL);
  } else {
    acquireDataDirLock(dataDir(), "the Corroborate server");
    database = connectPglite(path.join(dataDir(), "pglite"));
  }
  const handle: Handle = { database, ready: open(database) };
  // PostgreSQL unreachable (not up yet, or gone while migrating): forget this attempt, so the next
  // getDb() tries again with a fresh pool rather than failing for the rest of the process's life.
  handle.ready.catch((error: unknown) => {
    if (database.driver !== "postgres" || !connectionFailureOf(error) || globalForDb.corroborateDb !== handle) return;
    globalForDb.corroborateDb = undefined;
    database.close().catch(() => {});
  });
  return handle;
}

/** The migrated database of this process (start-up seeds the demo into it: lib/server/boot.ts). */
export function getDb(): Promise<Db> {
  globalForDb.corroborateDb ??= createHandle();
  return globalForDb.corroborateDb.ready;
}

/** The connection pool's counts (PostgreSQL), for the metrics; null for PGlite or before the database opens. */
export function databasePool(): { total: number; idle: number; waiting: number; max: number } | null {
  return globalForDb.corroborateDb?.database.pool?.() ?? null;
}

/** At shutdown, after the last request and job: closes the pool (or PGlite, releasing its folder). */
export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.corroborateDb;
  globalForDb.corroborateDb = undefined;
  await handle?.database.close();
}
