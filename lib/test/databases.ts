import { randomBytes } from "node:crypto";
import pg from "pg";
import { type ConnectOptions, connectPglite, connectPostgres, type Database } from "@/db/connect";

/**
 * The databases the integration tests run against: PGlite in memory always, and PostgreSQL too
 * when TEST_DATABASE_URL is set (each test file gets a fresh database of its own there).
 */
export const TEST_DRIVERS: ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

export async function openTestDatabase(driver: "pglite" | "postgres", options: ConnectOptions = {}): Promise<Database> {
  if (driver === "pglite") {
    const database = connectPglite(null, options);
    await database.migrate();
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `corroborate_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = connectPostgres(url.toString(), 20, options);
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
