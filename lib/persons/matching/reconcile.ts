/**
 * Groups a list of names into people. Candidate pairs come only from shared blocking keys, so the
 * work grows with the list, not its square. Pairs are merged strongest first, and two groups join
 * only if every name of one is at least a candidate for every name of the other and they match on
 * average: "Mohammad Haidar" fits both Mohammad Ali Haidar and Mohammad Hassan Haidar, but must
 * not chain the two into one man.
 *
 * The work is bounded for any list, hostile ones included (20,000 copies of one name, or one block
 * of thousands of near-identical spellings), at MAX_COMPARISONS_PER_NAME scored pairs a name:
 * - names that read alike (the same parts, whatever the spelling of numbers or punctuation) are
 *   one *form*, compared once and weighted by how many names it stands for;
 * - a form meets at most BLOCK_PARTNERS others in each of its (at most three) blocks;
 * - joining two clusters compares at most MAX_REPRESENTATIVES forms of each (their most written).
 * The steps are a generator that yields every few hundred units of work, so a server can run it in
 * slices between other requests (lib/persons/reconcile.ts); `reconcile` runs it straight through.
 *
 * Ids are the caller's to keep unique (the API layer validates that); a repeated id is treated as
 * another entry and would appear twice.
 */
import { prepareName, type PreparedName } from "./prepare";
import { CANDIDATE_THRESHOLD, MATCH_THRESHOLD, scoreKey, scoreOnly } from "./score";

function append<K>(map: Map<K, number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Above this size a bucket is a common pair of names (Mohammad, son of Ahmad): comparing all
 * of it would grow with the square of the list. */
const MAX_BUCKET = 32;
/** In a group larger than MAX_BUCKET, each form is compared with the next this many in spelling
 * order (a sorted neighbourhood): near-identical spellings sort next to each other. */
const WINDOW = 16;
/** How many others a form is compared with in one block, at most: half of a full bucket's pairs
 * per member, or the window. */
const BLOCK_PARTNERS = Math.max((MAX_BUCKET - 1) / 2, WINDOW);
/** A cluster's forms compared when it may join another. Real clusters have fewer (the labelled
 * set's largest person has ten names, most under five), so for them this is every form. */
export const MAX_REPRESENTATIVES = 8;
/** Scored pairs at most, per name of the list: three blocks of BLOCK_PARTNERS each, and for each
 * such pair (a possible edge) one joining attempt of MAX_REPRESENTATIVES² pairs. */
export const MAX_COMPARISONS_PER_NAME = 3 * BLOCK_PARTNERS * (1 + MAX_REPRESENTATIVES ** 2);
/** Units of work (names prepared, pairs scored) between two yields. */
const STEP = 256;

/** Blocking signature: given, father's and family name. A pair that scores as a match agrees on
 * those three (only a grandfather's name may be left out; a left-out father's or family name
 * scores below MATCH_THRESHOLD), so splitting an oversized bucket on it loses only misspellings
 * that change how an unknown word blocks — and those still meet in the bucket of another pair. */
function signature(p: PreparedName): string {
  const last = p.parts.length - 1;
  return [...new Set([0, 1, last])].filter((k) => k <= last).map((k) => p.parts[k].block).join(" ");
}

/** The groups of a bucket whose pairs are scored: a small bucket whole; an oversized one by
 * signature, and a group still larger than MAX_BUCKET in spelling order, each form meeting only
 * the WINDOW next (`window` set). */
function groupsOf(bucket: number[], forms: PreparedName[]): { members: number[]; window: number }[] {
  if (bucket.length <= MAX_BUCKET) return [{ members: bucket, window: bucket.length }];
  const groups = new Map<string, number[]>();
  for (const i of bucket) append(groups, signature(forms[i]), i);
  return [...groups.values()].map((group) => {
    if (group.length <= MAX_BUCKET) return { members: group, window: group.length };
    const spelled = group.map((i) => ({ i, spelling: forms[i].parts.map((t) => t.written).join(" ") }));
    spelled.sort((p, q) => (p.spelling < q.spelling ? -1 : p.spelling > q.spelling ? 1 : 0));
    return { members: spelled.map((s) => s.i), window: WINDOW };
  });
}

export type ReconcileResult = { clusters: string[][]; comparisons: number };

/** A name to cluster; `prepared` saves preparing it again when the caller already has. */
export type ReconcileEntry = { id: string; name: string; prepared?: PreparedName };

export function* reconcileSteps(names: ReconcileEntry[]): Generator<void, ReconcileResult> {
  // Forms: names that score alike against every name. A form that does not match even itself (a
  // single name scores at most 0.6; no name at all, 0) matches nothing, so each such name stays
  // alone and is never compared.
  const forms: PreparedName[] = [];
  const namesOf: number[][] = [];
  const byKey = new Map<string, number>();
  const alone: number[] = [];
  for (let i = 0; i < names.length; i++) {
    if (i % STEP === 0) yield;
    const prepared = names[i].prepared ?? prepareName(names[i].name);
    const key = scoreKey(prepared);
    let form = byKey.get(key);
    if (form === undefined) {
      if (scoreOnly(prepared, prepared) < MATCH_THRESHOLD) {
        alone.push(i);
        continue;
      }
      byKey.set(key, (form = forms.push(prepared) - 1));
      namesOf.push([]);
    }
    namesOf[form].push(i);
  }

  const n = forms.length;
  const scores = new Map<number, number>();
  const score = (i: number, j: number) => {
    const pair = i < j ? i * n + j : j * n + i;
    let value = scores.get(pair);
    if (value === undefined) scores.set(pair, (value = scoreOnly(forms[i], forms[j])));
    return value;
  };

  const buckets = new Map<string, number[]>();
  forms.forEach((p, i) => p.keys.forEach((key) => append(buckets, key, i)));
  const edges: [number, number, number][] = [];
  for (const bucket of buckets.values()) for (const { members, window } of groupsOf(bucket, forms)) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y <= x + window && y < members.length; y++) {
        const [i, j] = [members[x], members[y]];
        if (scores.has(i < j ? i * n + j : j * n + i)) continue;
        if (scores.size % STEP === 0) yield;
        const value = score(i, j);
        if (value >= MATCH_THRESHOLD) edges.push([i, j, value]);
      }
    }
  }
  edges.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);

  // Union-find over forms; each root keeps its weight (names) and representatives (most written
  // forms first), so a join costs at most MAX_REPRESENTATIVES² scores and no list is copied whole.
  const weight = namesOf.map((list) => list.length);
  const parent = Array.from({ length: n }, (_, i) => i);
  const representatives = Array.from({ length: n }, (_, i) => [i]);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const heavier = (p: number, q: number) => weight[q] - weight[p] || p - q;
  let attempts = 0;
  for (const [i, j] of edges) {
    const [a, b] = [find(i), find(j)];
    if (a === b) continue;
    if (++attempts % 16 === 0) yield;
    let total = 0;
    let pairs = 0;
    let compatible = true;
    for (const x of representatives[a]) for (const y of representatives[b]) {
      const value = score(x, y);
      total += value * weight[x] * weight[y];
      pairs += weight[x] * weight[y];
      if (value < CANDIDATE_THRESHOLD) compatible = false;
    }
    if (!compatible || total / pairs < MATCH_THRESHOLD) continue;
    const [keep, drop] = a < b ? [a, b] : [b, a];
    parent[drop] = keep;
    representatives[keep] = [...representatives[keep], ...representatives[drop]].sort(heavier).slice(0, MAX_REPRESENTATIVES);
  }

  const clusters = new Map<number, number[]>();
  for (let f = 0; f < n; f++) for (const i of namesOf[f]) append(clusters, find(f), i);
  for (const i of alone) clusters.set(-1 - i, [i]);
  const ordered = [...clusters.values()].map((list) => list.sort((p, q) => p - q)).sort((p, q) => p[0] - q[0]);
  return { clusters: ordered.map((list) => list.map((i) => names[i].id)), comparisons: scores.size };
}

export function reconcile(names: { id: string; name: string }[]): ReconcileResult {
  const steps = reconcileSteps(names);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export function reconcileNames(names: { id: string; name: string }[]): string[][] {
  return reconcile(names).clusters;
}
