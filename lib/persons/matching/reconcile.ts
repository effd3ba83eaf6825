/**
 * Groups a list of names into people. Candidate pairs come only from shared blocking keys, so the
 * work grows with the list, not its square. Pairs are merged strongest first, and two groups join
 * only if every name of one is at least a candidate for every name of the other and they match on
 * average: "Mohammad Haidar" fits both Mohammad Ali Haidar and Mohammad Hassan Haidar, but must
 * not chain the two into one man.
 *
 * Ids are the caller's to keep unique (the API layer validates that); a repeated id is treated as
 * another entry and would appear twice.
 */
import { prepareName, type PreparedName } from "./prepare";
import { CANDIDATE_THRESHOLD, MATCH_THRESHOLD, scorePrepared } from "./score";

function append(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Above this size a bucket is a common pair of names (Mohammad, son of Ahmad): comparing all
 * of it would grow with the square of the list. */
const MAX_BUCKET = 32;

/**
 * The groups of a bucket whose members are compared pairwise. In an oversized bucket only names
 * that block alike on given, father's and family name are compared: a pair that scores as a
 * match agrees on those three (only a grandfather's name may be left out; a left-out father's or
 * family name scores below MATCH_THRESHOLD), so this loses only misspellings that change how an
 * unknown word blocks — and those still meet in the bucket of a pair of other parts.
 */
function comparable(bucket: number[], prepared: PreparedName[]): number[][] {
  if (bucket.length <= MAX_BUCKET) return [bucket];
  const groups = new Map<string, number[]>();
  for (const i of bucket) {
    const parts = prepared[i].parts;
    const signature = [...new Set([0, 1, parts.length - 1])].filter((k) => k < parts.length).map((k) => parts[k].block).join(" ");
    append(groups, signature, i);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

export type ReconcileResult = { clusters: string[][]; comparisons: number };

export function reconcile(names: { id: string; name: string }[]): ReconcileResult {
  const prepared = names.map((n) => prepareName(n.name));
  const n = names.length;
  const buckets = new Map<string, number[]>();
  prepared.forEach((p, i) => p.keys.forEach((key) => append(buckets, key, i)));

  const scores = new Map<number, number>();
  const score = (i: number, j: number) => {
    const pair = i < j ? i * n + j : j * n + i;
    let value = scores.get(pair);
    if (value === undefined) scores.set(pair, (value = scorePrepared(prepared[i], prepared[j]).score));
    return value;
  };
  const edges: [number, number, number][] = [];
  for (const bucket of buckets.values()) for (const members of comparable(bucket, prepared)) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x], members[y]];
        const pair = i < j ? i * n + j : j * n + i;
        if (scores.has(pair)) continue;
        const value = score(i, j);
        if (value >= MATCH_THRESHOLD) edges.push([i, j, value]);
      }
    }
  }
  const comparisons = scores.size;
  edges.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);

  const clusterOf = Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>(Array.from({ length: n }, (_, i) => [i, [i]]));
  for (const [i, j] of edges) {
    const [a, b] = [clusterOf[i], clusterOf[j]];
    if (a === b) continue;
    const left = members.get(a)!;
    const right = members.get(b)!;
    let total = 0;
    let compatible = true;
    for (const x of left) for (const y of right) {
      const value = score(x, y);
      total += value;
      if (value < CANDIDATE_THRESHOLD) compatible = false;
    }
    if (!compatible || total / (left.length * right.length) < MATCH_THRESHOLD) continue;
    const [keep, drop] = a < b ? [a, b] : [b, a];
    const joined = [...members.get(keep)!, ...members.get(drop)!].sort((p, q) => p - q);
    members.set(keep, joined);
    members.delete(drop);
    for (const m of joined) clusterOf[m] = keep;
  }
  const clusters = [...members.entries()].sort(([a], [b]) => a - b).map(([, list]) => list.map((i) => names[i].id));
  return { clusters, comparisons };
}

export function reconcileNames(names: { id: string; name: string }[]): string[][] {
  return reconcile(names).clusters;
}
