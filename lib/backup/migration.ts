import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/connect";

const journalFile = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations", "meta", "_journal.json");

/**
 * The last migration applied to this database: drizzle records each one by its journal time
 * (`created_at` = the journal's `when`); the tag is looked up in this copy's journal, null when the
 * database is newer than the code.
 */
export async function readAppliedMigration(db: Db): Promise<{ tag: string | null; createdAt: number }> {
  const [row] = rowsOf<{ created_at: string | null }>(
    await db.execute(sql`select max(created_at)::text as created_at from drizzle.__drizzle_migrations`),
  );
  const createdAt = Number(row?.created_at ?? 0);
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string; when: number }[] };
  return { tag: journal.entries.find((entry) => entry.when === createdAt)?.tag ?? null, createdAt };
}
