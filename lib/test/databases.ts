import { type ConnectOptions, connectPglite, connectPostgres, type Database } from "@/db/connect";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyPgliteTemplate, pgliteTemplateTarball } from "./pglite-template";
import { createScratchDatabase } from "./scratch-database";

/**
 * The databases the integration tests run against: PGlite in memory always, and PostgreSQL too
 * when TEST_DATABASE_URL is set (each test file gets a fresh database of its own there).
 */
export const TEST_DRIVERS: ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

/**
 * `onDisk`: PGlite in a temp folder rather than in memory, for a test that writes a large
 * workspace. In memory, every file is one growing buffer that is copied as it grows: seeding
 * 20,000 claims spent an eighth of its time there.
 */
export async function openTestDatabase(driver: "pglite" | "postgres", options: ConnectOptions & { onDisk?: boolean } = {}): Promise<Database> {
  if (driver === "pglite" && options.onDisk) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-pglite-"));
    const dir = path.join(folder, "pglite");
    copyPgliteTemplate(dir);
    const database = connectPglite(dir, options);
    await database.migrate();
    return {
      ...database,
      close: async () => {
        await database.close();
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  }
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
