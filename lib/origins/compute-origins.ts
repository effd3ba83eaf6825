/**
 * Independent origins behind a claim's evidence — a pure function, no database.
 *
 * Every evidence item and every source is a node. Nodes are joined when they cannot be
 * independent of each other:
 * - an item and the source that published it (or, when no publisher is known, the source it was
 *   obtained via): the item is what that source said;
 * - a source and the source it cites ("this outlet quotes the monitor"), in either direction of a
 *   chain and through cycles — a relay adds no independence;
 * - a source and the organisation it is affiliated with;
 * - two items of the same media (same bytes, or perceptually alike), whoever posted them.
 * Each group that holds at least one item is one origin. Ten outlets quoting one monitor are one
 * origin; five re-uploads of one video are one origin.
 */

export type Stance = "supports" | "contradicts" | "context";

export type OriginInput = {
  items: { id: string; publishedBySourceId: string | null; obtainedViaSourceId: string | null; isFirstHand: boolean }[];
  /** `reliability`: the source's Admiralty rating (A–F); absent where it does not matter to the caller. */
  sources: { id: string; name: string; affiliatedWithId: string | null; reliability?: string }[];
  citations: { sourceId: string; citesSourceId: string }[];
  mediaLinks: { a: string; b: string; kind: "same_file" | "looks_alike" }[];
  assessments: { evidenceId: string; stance: Stance; credibility: number }[];
};

export type OriginStance = "supports" | "contradicts" | "mixed" | "context" | "unassessed";

export type Origin = {
  id: string;
  evidenceIds: string[];
  sourceIds: string[];
  stance: OriginStance;
  /** A credible (1–3) assessment supports, or contradicts, an item of this origin. */
  credibleSupport: boolean;
  credibleContradiction: boolean;
  /** A strong (1–2) assessment supports an item of this origin. */
  strongSupport: boolean;
  /** Every source the origin has is rated E (unreliable) or F (cannot be judged); false for an origin with no known source. */
  weakSources: boolean;
  firstHand: boolean;
  /** Why items and sources were folded together, in plain words. */
  reasons: string[];
};

/** On the Admiralty information scale, 1 confirmed, 2 probably true, 3 possibly true. */
export const CREDIBLE_AT_MOST = 3;
/** Confirmed or probably true: what a weakly sourced origin needs to count at all (./suggest-grade.ts). */
export const STRONG_AT_MOST = 2;
/** On the Admiralty source scale, E unreliable, F reliability cannot be judged. */
export const WEAK_RELIABILITIES: readonly string[] = ["E", "F"];

class DisjointSet {
  private parent = new Map<string, string>();
  find(x: string): string {
    if (!this.parent.has(x)) this.parent.set(x, x);
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller key wins, so the result does not depend on the order of unions.
    if (ra !== rb) ra < rb ? this.parent.set(rb, ra) : this.parent.set(ra, rb);
  }
}

const item = (id: string) => `e:${id}`;
const source = (id: string) => `s:${id}`;

export function computeOrigins(input: OriginInput): Origin[] {
  const sets = new DisjointSet();
  const names = new Map(input.sources.map((s) => [s.id, s.name]));
  const known = (id: string | null): id is string => !!id && names.has(id);
  const reasonsByNode = new Map<string, string[]>();
  const note = (node: string, reason: string) => reasonsByNode.set(node, [...(reasonsByNode.get(node) ?? []), reason]);

  for (const e of input.items) {
    sets.find(item(e.id));
    const publisher = known(e.publishedBySourceId) ? e.publishedBySourceId : known(e.obtainedViaSourceId) ? e.obtainedViaSourceId : null;
    if (publisher) sets.union(item(e.id), source(publisher));
  }
  for (const c of input.citations) {
    if (!known(c.sourceId) || !known(c.citesSourceId) || c.sourceId === c.citesSourceId) continue;
    sets.union(source(c.sourceId), source(c.citesSourceId));
    note(source(c.sourceId), `${names.get(c.sourceId)} cites ${names.get(c.citesSourceId)}`);
  }
  for (const s of input.sources) {
    if (known(s.affiliatedWithId) && s.affiliatedWithId !== s.id) {
      sets.union(source(s.id), source(s.affiliatedWithId));
      note(source(s.id), `${s.name} is affiliated with ${names.get(s.affiliatedWithId)}`);
    }
  }
  const itemIds = new Set(input.items.map((e) => e.id));
  for (const link of input.mediaLinks) {
    if (!itemIds.has(link.a) || !itemIds.has(link.b) || link.a === link.b) continue;
    sets.union(item(link.a), item(link.b));
    note(item(link.a), link.kind === "same_file" ? `item ${link.a.slice(0, 8)} is the same file as item ${link.b.slice(0, 8)}` : `item ${link.a.slice(0, 8)} looks like item ${link.b.slice(0, 8)}`);
  }

  const groups = new Map<string, { evidenceIds: string[]; sourceIds: Set<string>; reasons: Set<string> }>();
  const groupOf = (node: string) => {
    const root = sets.find(node);
    if (!groups.has(root)) groups.set(root, { evidenceIds: [], sourceIds: new Set(), reasons: new Set() });
    return groups.get(root)!;
  };
  for (const e of input.items) groupOf(item(e.id)).evidenceIds.push(e.id);
  for (const s of input.sources) {
    const root = sets.find(source(s.id));
    if (groups.has(root)) groups.get(root)!.sourceIds.add(s.id);
  }
  for (const [node, reasons] of reasonsByNode) {
    const root = sets.find(node);
    if (groups.has(root)) for (const r of reasons) groups.get(root)!.reasons.add(r);
  }

  const firstHand = new Set(input.items.filter((e) => e.isFirstHand).map((e) => e.id));
  const reliabilityOf = new Map(input.sources.map((s) => [s.id, s.reliability]));
  const byItem = new Map<string, OriginInput["assessments"]>();
  for (const a of input.assessments) byItem.set(a.evidenceId, [...(byItem.get(a.evidenceId) ?? []), a]);

  const origins: Origin[] = [];
  for (const group of groups.values()) {
    const evidenceIds = [...group.evidenceIds].sort();
    const sourceIds = [...group.sourceIds].sort();
    const ratings = sourceIds.map((id) => reliabilityOf.get(id));
    const assessed = evidenceIds.flatMap((id) => byItem.get(id) ?? []);
    const supports = assessed.some((a) => a.stance === "supports");
    const contradicts = assessed.some((a) => a.stance === "contradicts");
    const stance: OriginStance =
      supports && contradicts ? "mixed" : supports ? "supports" : contradicts ? "contradicts" : assessed.length ? "context" : "unassessed";
    origins.push({
      id: evidenceIds[0],
      evidenceIds,
      sourceIds,
      stance,
      credibleSupport: assessed.some((a) => a.stance === "supports" && a.credibility <= CREDIBLE_AT_MOST),
      strongSupport: assessed.some((a) => a.stance === "supports" && a.credibility <= STRONG_AT_MOST),
      weakSources: ratings.length > 0 && ratings.every((r) => r !== undefined && WEAK_RELIABILITIES.includes(r)),
      credibleContradiction: assessed.some((a) => a.stance === "contradicts" && a.credibility <= CREDIBLE_AT_MOST),
      firstHand: evidenceIds.some((id) => firstHand.has(id)),
      reasons: [...group.reasons].sort(),
    });
  }
  return origins.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
