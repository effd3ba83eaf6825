import path from "node:path";
import { connectPglite, connectPostgres, type Database } from "@/db/connect";
import { acquireDataDirLock, DataDirLockedError } from "@/db/lock";
import { atCodeSchema } from "@/db/schema-state";
import { dataDir, env } from "@/lib/env";

/**
 * The app's own database, for the command line: PostgreSQL when DATABASE_URL is set, otherwise
 * the embedded folder — refused, with a clear message, while a server holds it. Migrated unless
 * MIGRATE=off; refused on any schema but this code's (db/schema-state.ts).
 */
export async function openAppDatabase(holder: string, { migrate = env.MIGRATE === "auto" } = {}): Promise<Database> {
  if (env.DATABASE_URL) return migrated(connectPostgres(env.DATABASE_URL, 2), migrate);
  try {
    acquireDataDirLock(dataDir(), holder);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`${error.message}\nThe embedded database allows one process at a time.`);
      process.exit(2);
    }
    throw error;
  }
  return migrated(connectPglite(path.join(dataDir(), "pglite")), migrate);
}

/** At this code's schema, as a server requires: else closed, and the reason thrown. */
async function migrated(database: Database, migrate: boolean): Promise<Database> {
  try {
    await atCodeSchema(database, { migrate });
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
