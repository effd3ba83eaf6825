/**
 * `npm run bench:seed -- --claims 100000 [--seed 1]`: fill the app's database (DATA_DIR's embedded
 * one, or DATABASE_URL) with a generated workspace, for trying the app at scale. The database must
 * have no claims yet; `npm start` on it afterwards adds the demo sign-ins.
 */
import { parseArgs } from "node:util";
import { openAppDatabase } from "@/lib/cli/open-database";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { seedScale } from "./scale-seed";

const { values } = parseArgs({ options: { claims: { type: "string", default: "100000" }, seed: { type: "string", default: "1" } } });
const claims = Number(values.claims);
const seed = Number(values.seed);
if (!Number.isInteger(claims) || claims < 1 || claims > 10_000_000 || !Number.isInteger(seed)) {
  console.error("Usage: npm run bench:seed -- --claims N (1 to 10,000,000) [--seed S]");
  process.exit(2);
}

const database = await openAppDatabase("the scale seed (npm run bench:seed)");
try {
  console.log(`Seeding ${claims.toLocaleString("en")} claims into ${database.driver === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database"}…`);
  const started = performance.now();
  const counts = await seedScale(database.db, { claims, seed, log: (line) => console.log(line) });
  const seconds = (performance.now() - started) / 1000;
  for (const [name, n] of Object.entries(counts)) console.log(`  ${name.padEnd(18)} ${n.toLocaleString("en").padStart(12)}`);
  console.log(`Seeded in ${seconds.toFixed(1)} s. Verifying the audit chain…`);
  const verification = await verifyAuditChainUnchecked(database.db);
  console.log(verification.ok ? `The chain verifies: ${verification.events.toLocaleString("en")} events, head ${verification.head}.` : `The chain is broken at ${verification.firstBroken}: ${verification.problem}`);
  if (!verification.ok) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
