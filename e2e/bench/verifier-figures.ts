/**
 * What verifying the audit chain costs, for `npm run bench` (e2e/bench/scale.ts) and
 * `npm run bench:verify` (e2e/bench/verify.ts): events/s, as a ratio to hashing the same bytes with
 * node's crypto alone and to reading the rows without checking them, and the verifier's memory.
 */
import { createHash } from "node:crypto";
import type { Database } from "@/db/connect";
import { canonicalEvent, GENESIS_HASH, hashEvent } from "@/lib/audit/chain";
import { auditEventBatches, auditEventLineBatches, type ChainVerification, verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { mb } from "./support";

export type VerifyFigures = {
  events: number;
  verifyEventsPerSecond: number;
  hashOnlyEventsPerSecond: number;
  readOnlyEventsPerSecond: number;
  ratioToHashing: number;
  ratioToReading: number;
  verifierHeapGrowthMb: number;
  verifierPeakRssGrowthMb: number;
};

/** A way to verify the chain, and the reading it does (measured alone). */
export type Verifier = { verify: (database: Database) => Promise<ChainVerification>; read: (database: Database) => AsyncIterable<unknown[]> };

/** The app's verifier: each event as one line of text, its data parsed from jsonb's text. */
export const LINE_VERIFIER: Verifier = {
  verify: (database) => verifyAuditChainUnchecked(database.db),
  read: (database) => auditEventLineBatches(database.db),
};

/**
 * The verifier as it was before (issue 22's last measure): every event through the driver (its
 * row objects, `data` parsed by JSON.parse), then canonicalEvent and the hash. Kept as the
 * comparison; it is also what the app's verifier still does for any event its lines do not vouch for.
 */
export const ROW_VERIFIER: Verifier = {
  verify: async (database) => {
    let prevHash = GENESIS_HASH;
    let events = 0;
    for await (const rows of auditEventBatches(database.db)) {
      for (const row of rows) {
        if (row.seq !== events + 1 || row.prevHash !== prevHash || hashEvent(row) !== row.hash) {
          return { ok: false, events, head: prevHash, firstBroken: row.seq, problem: "broken" };
        }
        prevHash = row.hash;
        events += 1;
      }
    }
    return { ok: true, events, head: prevHash, firstBroken: null, problem: null };
  },
  read: (database) => auditEventBatches(database.db),
};

export async function benchVerifier(database: Database, verifier: Verifier = LINE_VERIFIER): Promise<VerifyFigures> {
  // Reading alone: every row fetched as the verifier fetches it, nothing hashed.
  let started = performance.now();
  let read = 0;
  for await (const rows of verifier.read(database)) read += rows.length;
  const readSeconds = (performance.now() - started) / 1000;

  // The verifier, watching its memory: it streams, so neither heap nor RSS may grow with the log.
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = heapBefore;
  let peakRss = rssBefore;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 100);
  started = performance.now();
  const verification = await verifier.verify(database);
  const verifySeconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  if (!verification.ok) throw new Error(`the generated chain does not verify: ${verification.problem} at ${verification.firstBroken}`);

  // Hashing alone: the same bytes (prev_hash ‖ canonical JSON) of the first 200,000 events,
  // already in memory, through node's crypto as the verifier calls it; the best of three passes.
  const sample: { prev: string; text: string }[] = [];
  for await (const rows of auditEventBatches(database.db)) {
    for (const row of rows) sample.push({ prev: row.prevHash, text: canonicalEvent(row) });
    if (sample.length >= 200_000) break;
  }
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t = performance.now();
    for (const { prev, text } of sample) createHash("sha256").update(prev).update(text).digest("hex");
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  const hashRate = sample.length / best;
  const verifyRate = verification.events / verifySeconds;
  return {
    events: verification.events,
    verifyEventsPerSecond: verifyRate,
    hashOnlyEventsPerSecond: hashRate,
    readOnlyEventsPerSecond: read / readSeconds,
    ratioToHashing: verifyRate / hashRate,
    ratioToReading: verifyRate / (read / readSeconds),
    verifierHeapGrowthMb: mb(peakHeap - heapBefore),
    verifierPeakRssGrowthMb: mb(peakRss - rssBefore),
  };
}
