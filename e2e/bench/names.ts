/**
 * `npm run bench:names`: quality and scale of person-name matching (lib/persons/matching).
 * Prints pairwise precision and recall on the labelled set (scoreNames at a sweep of thresholds,
 * and reconcileNames), blocking recall, then times reconcileNames on 2,000 and 20,000 generated
 * names: a time ratio near 10 means linear growth. Also how many pairs were compared, against the
 * n²/2 of comparing every pair, and how well the generated people were recovered.
 */
import { benchStoredMatch } from "./names-stored";
import { CANDIDATE_THRESHOLD, MATCH_THRESHOLD } from "@/lib/persons/matching";
import { blockingRecall, LABELLED, reconcileMetrics, scoredPairs, scoreMetrics, type PairMetrics } from "@/lib/persons/matching/evaluation";
import { generateNames } from "@/lib/persons/matching/generate-names";
import { reconcile } from "@/lib/persons/matching/reconcile";

const show = (m: PairMetrics) =>
  `precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}  (tp ${m.truePositives}, fp ${m.falsePositives}, fn ${m.falseNegatives})`;

function quality() {
  const clusters = new Set(LABELLED.map((n) => n.cluster)).size;
  console.log(`labelled set: ${clusters} people, ${LABELLED.length} names`);
  const pairs = scoredPairs();
  for (const threshold of [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) {
    const mark = threshold === MATCH_THRESHOLD ? "  ← MATCH_THRESHOLD" : threshold === CANDIDATE_THRESHOLD ? "  ← CANDIDATE_THRESHOLD" : "";
    console.log(`  scoreNames ≥ ${threshold.toFixed(2)}  ${show(scoreMetrics(pairs, threshold))}${mark}`);
  }
  console.log(`  reconcileNames       ${show(reconcileMetrics())}`);
  const blocking = blockingRecall();
  console.log(`  blocking recall      ${blocking.recall.toFixed(4)} (${blocking.missed.length} same-person pairs share no key)`);
}

/** Pairwise precision and recall of the clusters against the generator's people. */
function recovered(names: { id: string; personIndex: number }[], clusters: string[][]) {
  const person = new Map(names.map((n) => [n.id, n.personIndex]));
  const size = new Map<number, number>();
  for (const n of names) size.set(n.personIndex, (size.get(n.personIndex) ?? 0) + 1);
  let truePairs = 0;
  for (const s of size.values()) truePairs += (s * (s - 1)) / 2;
  let predicted = 0;
  let correct = 0;
  for (const cluster of clusters) {
    predicted += (cluster.length * (cluster.length - 1)) / 2;
    const byPerson = new Map<number, number>();
    for (const id of cluster) byPerson.set(person.get(id)!, (byPerson.get(person.get(id)!) ?? 0) + 1);
    for (const s of byPerson.values()) correct += (s * (s - 1)) / 2;
  }
  return `precision ${(correct / (predicted || 1)).toFixed(4)}  recall ${(correct / (truePairs || 1)).toFixed(4)}`;
}

function scale() {
  const timings: number[] = [];
  for (const count of [2_000, 20_000]) {
    const names = generateNames(count, 42);
    // The fastest of three runs: garbage collection and JIT make single runs noisy.
    let ms = Infinity;
    let result = reconcile(names);
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      result = reconcile(names);
      ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
    }
    const { clusters, comparisons } = result;
    timings.push(ms);
    const all = (count * (count - 1)) / 2;
    console.log(
      `  ${String(count).padStart(6)} names  ${ms.toFixed(0).padStart(6)} ms  compared ${comparisons} pairs of ${all} (${((comparisons / all) * 100).toFixed(3)}%)  ${clusters.length} clusters  vs generated people: ${recovered(names, clusters)}`,
    );
  }
  console.log(`  time(20k) / time(2k) = ${(timings[1] / timings[0]).toFixed(1)}  (10 is linear, 100 is quadratic)`);
}

quality();
console.log("reconcileNames on generated lists:");
scale();
console.log("matchPersons against stored persons (blocking-key index):");
await benchStoredMatch([10_000, 100_000]);
