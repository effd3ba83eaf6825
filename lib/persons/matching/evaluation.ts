/**
 * Measures the matcher on labelled-names.json: pairwise precision and recall over every pair of
 * names in the set (a pair is positive when both names are in one cluster), for `scoreNames` at a
 * threshold and for `reconcileNames`, and the share of true pairs that share a blocking key.
 * Used by the labelled-set test and by `npm run bench:names`.
 */
import labelled from "./labelled-names.json";
import { prepareName, type PreparedName } from "./prepare";
import { reconcileNames } from "./reconcile";
import { scorePrepared } from "./score";

export type PairMetrics = { truePositives: number; falsePositives: number; falseNegatives: number; precision: number; recall: number };
export type LabelledName = { id: string; name: string; cluster: number };

export const LABELLED: LabelledName[] = labelled.clusters.flatMap((names, cluster) => names.map((name, i) => ({ id: `${cluster}.${i}`, name, cluster })));
export const LABELLED_CANDIDATES: { a: string; b: string; why: string }[] = labelled.candidates;

function metrics(tp: number, fp: number, fn: number): PairMetrics {
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1) };
}

/** Every pair's score, computed once: [i, j, score, same cluster]. */
export function scoredPairs(): [number, number, number, boolean][] {
  const prepared: PreparedName[] = LABELLED.map((n) => prepareName(n.name));
  const pairs: [number, number, number, boolean][] = [];
  for (let i = 0; i < LABELLED.length; i++) {
    for (let j = i + 1; j < LABELLED.length; j++) {
      pairs.push([i, j, scorePrepared(prepared[i], prepared[j]).score, LABELLED[i].cluster === LABELLED[j].cluster]);
    }
  }
  return pairs;
}

export function scoreMetrics(pairs: [number, number, number, boolean][], threshold: number): PairMetrics {
  let tp = 0, fp = 0, fn = 0;
  for (const [, , score, same] of pairs) {
    if (score >= threshold) same ? tp++ : fp++;
    else if (same) fn++;
  }
  return metrics(tp, fp, fn);
}

export function reconcileMetrics(): PairMetrics {
  const clusterOf = new Map(LABELLED.map((n) => [n.id, n.cluster]));
  const found = new Map<string, number>();
  reconcileNames(LABELLED).forEach((ids, k) => ids.forEach((id) => found.set(id, k)));
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < LABELLED.length; i++) {
    for (let j = i + 1; j < LABELLED.length; j++) {
      const same = clusterOf.get(LABELLED[i].id) === clusterOf.get(LABELLED[j].id);
      const predicted = found.get(LABELLED[i].id) === found.get(LABELLED[j].id);
      if (predicted) same ? tp++ : fp++;
      else if (same) fn++;
    }
  }
  return metrics(tp, fp, fn);
}

/** Share of same-person pairs that share at least one blocking key, and the pairs that do not. */
export function blockingRecall(): { recall: number; missed: [string, string][] } {
  const keys = LABELLED.map((n) => new Set(prepareName(n.name).keys));
  let total = 0;
  const missed: [string, string][] = [];
  for (let i = 0; i < LABELLED.length; i++) {
    for (let j = i + 1; j < LABELLED.length; j++) {
      if (LABELLED[i].cluster !== LABELLED[j].cluster) continue;
      total++;
      if (![...keys[i]].some((k) => keys[j].has(k))) missed.push([LABELLED[i].name, LABELLED[j].name]);
    }
  }
  return { recall: (total - missed.length) / total, missed };
}
