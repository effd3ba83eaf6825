import { type ConnectOptions, connectPglite, connectPostgres, type Database } from "@/db/connect";
import { pgliteTemplateTarball } from "./pglite-template";
import { createScratchDatabase } from "./scratch-database";

/**
 * The databases the integration tests run against: PGlite in memory always, and PostgreSQL too
 * when TEST_DATABASE_URL is set (each test file gets a fresh database of its own there).
 */
export const TEST_DRIVERS: ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

export async function openTestDatabase(driver: "pglite" | "postgres", options: ConnectOptions = {}): Promise<Database> {
  if (driver === "pglite") {
    // From the migrated template when the global setup made one (migrate() then finds nothing to do).
    const database = connectPglite(null, options, pgliteTemplateTarball());
    await database.migrate();
    return database;
  }
  const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "corroborate_test");
  const database = connectPostgres(scratch.url, 20, options);
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
