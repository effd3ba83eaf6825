/**
 * `npm run bench:verify`: audit chain verification alone (issue 22's last measure), before and
 * after the verifier read each event as one line of text. Fills a database with the scale seed's
 * workspace (e2e/bench/scale-seed.ts: 18,000 claims make about 200,000 realistic events), then
 * measures each verifier twice, alternately, and keeps each one's faster run: events/s verified,
 * read alone and hashed alone (the same bytes in memory, best of three), verified ÷ hashed, and
 * the heap's growth while verifying.
 *
 * PGlite always (a temp folder, or --pglite-dir, seeded if it has no events and then kept);
 * PostgreSQL too with DATABASE_URL (a database of its own beside it, dropped at the end) or
 * --postgres-url (used as it is, seeded if empty). Options: --claims N (18000).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { connectPglite, connectPostgres, type Database, rowsOf } from "@/db/connect";
import { createScratchDatabase } from "@/lib/test/scratch-database";
import { seedScale } from "./scale-seed";
import { benchVerifier, LINE_VERIFIER, ROW_VERIFIER, type Verifier, type VerifyFigures } from "./verifier-figures";

const { values } = parseArgs({
  options: { claims: { type: "string", default: "18000" }, "pglite-dir": { type: "string" }, "postgres-url": { type: "string" } },
});
const CLAIMS = Number(values.claims);

async function seededIfEmpty(database: Database): Promise<void> {
  await database.migrate();
  const [{ n }] = rowsOf<{ n: string | number }>(await database.db.execute(sql`select count(*) as n from audit_events`));
  if (Number(n) > 0) return;
  const started = performance.now();
  const counts = await seedScale(database.db, { claims: CLAIMS });
  console.log(`  seeded ${counts.auditEvents.toLocaleString("en")} events in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Each verifier twice, alternately (the machine's load drifts), keeping each one's faster run. The
 * hashing they are compared with is the same bytes either way: the best pass of all four runs.
 */
async function measure(database: Database): Promise<Record<string, VerifyFigures>> {
  const verifiers: Record<string, Verifier> = { "before (rows)": ROW_VERIFIER, "after (lines)": LINE_VERIFIER };
  const best: Record<string, VerifyFigures> = {};
  let hashRate = 0;
  for (let round = 0; round < 2; round++) {
    for (const [name, verifier] of Object.entries(verifiers)) {
      const figures = await benchVerifier(database, verifier);
      hashRate = Math.max(hashRate, figures.hashOnlyEventsPerSecond);
      if (!best[name] || figures.verifyEventsPerSecond > best[name].verifyEventsPerSecond) best[name] = figures;
    }
  }
  for (const figures of Object.values(best)) {
    Object.assign(figures, { hashOnlyEventsPerSecond: hashRate, ratioToHashing: figures.verifyEventsPerSecond / hashRate });
  }
  return best;
}

function print(driver: string, results: Record<string, VerifyFigures>): void {
  const n = (x: number) => Math.round(x).toLocaleString("en").padStart(9);
  console.log(`${driver}: ${Object.values(results)[0].events.toLocaleString("en")} events`);
  console.log("  verifier         verified/s    read/s  hashed/s  verified÷hashed  verified÷read  heap growth");
  for (const [name, f] of Object.entries(results)) {
    console.log(
      `  ${name.padEnd(15)} ${n(f.verifyEventsPerSecond)} ${n(f.readOnlyEventsPerSecond)} ${n(f.hashOnlyEventsPerSecond)}` +
        `  ${f.ratioToHashing.toFixed(3).padStart(15)}  ${f.ratioToReading.toFixed(2).padStart(13)}  ${f.verifierHeapGrowthMb.toFixed(0).padStart(8)} MB`,
    );
  }
}

async function onPglite(): Promise<void> {
  const folder = values["pglite-dir"] ?? fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-verify-bench-"));
  const database = connectPglite(folder);
  try {
    await seededIfEmpty(database);
    print("PGlite", await measure(database));
  } finally {
    await database.close();
    if (!values["pglite-dir"]) fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<void> {
  const scratch = values["postgres-url"] ? null : await createScratchDatabase(process.env.DATABASE_URL!, "corroborate_verify_bench");
  const database = connectPostgres(values["postgres-url"] ?? scratch!.url);
  try {
    await seededIfEmpty(database);
    print("PostgreSQL", await measure(database));
  } finally {
    await database.close();
    await scratch?.drop();
  }
}

await onPglite();
if (values["postgres-url"] || process.env.DATABASE_URL) await onPostgres();
