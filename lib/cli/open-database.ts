import path from "node:path";
import { connectPglite, connectPostgres, type Database } from "@/db/connect";
import { acquireDataDirLock, DataDirLockedError } from "@/db/lock";
import { dataDir, env } from "@/lib/env";

/**
 * The app's own database, for the command line: PostgreSQL when DATABASE_URL is set, otherwise
 * the embedded folder — refused, with a clear message, while a server holds it.
 */
export async function openAppDatabase(holder: string): Promise<Database> {
  if (env.DATABASE_URL) {
    const database = connectPostgres(env.DATABASE_URL, 2);
    await database.migrate();
    return database;
  }
  try {
    acquireDataDirLock(dataDir(), holder);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`${error.message}\nThe embedded database allows one process at a time.`);
      process.exit(2);
    }
    throw error;
  }
  const database = connectPglite(path.join(dataDir(), "pglite"));
  await database.migrate();
  return database;
}
