/**
 * `npm run bench:near-duplicates [-- --hashes 1000000]`: look up one perceptual hash among N
 * stored ones through the band index (lib/evidence/near-duplicates.ts), next to a full scan that
 * computes every distance, on an in-memory PGlite (or DATABASE_URL). Prints both times and the
 * ratio, and whether the plan used the band index.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { connectPglite, connectPostgres } from "@/db/connect";
import { findSimilarEvidence, NEAR_DUPLICATE_THRESHOLD } from "@/lib/evidence/near-duplicates";

const { values } = parseArgs({ options: { hashes: { type: "string", default: "200000" } } });
const N = Number(values.hashes);

async function main() {
  const database = process.env.DATABASE_URL ? connectPostgres(process.env.DATABASE_URL) : connectPglite(null);
  await database.migrate();
  const { db } = database;
  const started = Date.now();
  await db.execute(sql`insert into users (email, name, role, password_hash) values ('bench@example.test', 'Bench', 'reviewer', 'x')`);
  await db.execute(sql`insert into claims (kind, title, summary, language, submitted_by_id) select 'image', 'Bench', 'Bench', 'en', id from users`);
  await db.execute(sql`
    insert into evidence (claim_id, intake, added_by_id, phash)
    select c.id, 'upload', c.submitted_by_id,
      lpad(to_hex(floor(random() * 65536)::int), 4, '0') || lpad(to_hex(floor(random() * 65536)::int), 4, '0') ||
      lpad(to_hex(floor(random() * 65536)::int), 4, '0') || lpad(to_hex(floor(random() * 65536)::int), 4, '0')
    from claims c, generate_series(1, ${N})`);
  await db.execute(sql`
    insert into phash_bands (evidence_id, hash, band, value)
    select e.id, ('x' || e.phash)::bit(64)::bigint, b, ('x' || substr(e.phash, b * 4 + 1, 4))::bit(16)::int
    from evidence e, generate_series(0, 3) b`);
  await db.execute(sql`vacuum analyze`);
  console.log(`loaded ${N} hashes in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.driver})`);

  // A probe: a stored hash with 10 bits flipped, so there is something to find.
  const rows = await db.execute(sql`select id, phash from evidence limit 1`);
  const target = (rows as unknown as { rows: { id: string; phash: string }[] }).rows[0];
  const probe = (BigInt(`0x${target.phash}`) ^ 0x8421_0842_1084_2100n).toString(16).padStart(16, "0");

  const time = async (fn: () => Promise<unknown>, runs = 5) => {
    await fn();
    const t = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await fn();
    return Number(process.hrtime.bigint() - t) / 1e6 / runs;
  };
  let found: { evidenceId: string }[] = [];
  const indexed = await time(async () => (found = await findSimilarEvidence(db, [probe], "00000000-0000-0000-0000-000000000000")));
  const scan = await time(() =>
    db.execute(sql`select id from evidence where bit_count(('x' || phash)::bit(64) # ('x' || ${probe})::bit(64)) <= ${NEAR_DUPLICATE_THRESHOLD}`),
  );
  console.log(`  band index lookup  ${indexed.toFixed(1)} ms  (found the near duplicate: ${found.some((f) => f.evidenceId === target.id)})`);
  console.log(`  full scan          ${scan.toFixed(1)} ms`);
  console.log(`  ratio              ${(scan / indexed).toFixed(1)} × faster than scanning all ${N}`);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
