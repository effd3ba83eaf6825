import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { assessments, citations, evidence, evidenceDerivatives, sources } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { countsForClaim } from "@/lib/evidence/counted";
import { NEAR_DUPLICATE_THRESHOLD } from "@/lib/evidence/near-duplicates";
import { hammingDistance } from "@/lib/evidence/hamming";
import { computeOrigins, type OriginInput } from "./compute-origins";
import { suggestGrade } from "./suggest-grade";

const MAX_ROUNDS = 6;

/**
 * The sources that can join the claim's items: their publishers and, upwards, whom those cite and
 * the organisations they belong to, transitively (a few rounds). Two of the claim's sources are one
 * origin when one relays the other or both relay a common one, and every such path runs upwards
 * from them, so nothing downwards (who cites them) is read: an outlet that quotes two witnesses
 * does not make the witnesses one. Upwards stays small however big the registry is (an outlet
 * cites a few monitors), where reading both ways reached most of a 20,000-source registry
 * through its hubs; both reads here are primary-key and index lookups.
 */
async function loadSourceGraph(db: Db, seedIds: string[]) {
  const known = new Map<string, { id: string; name: string; affiliatedWithId: string | null; isProtected: boolean }>();
  const edges = new Map<string, { sourceId: string; citesSourceId: string }>();
  const expanded = new Set<string>();
  let frontier = [...new Set(seedIds)];
  for (let round = 0; round < MAX_ROUNDS && frontier.length > 0; round++) {
    for (const id of frontier) expanded.add(id);
    const rows = await db
      .select({ id: sources.id, name: sources.name, affiliatedWithId: sources.affiliatedWithId, isProtected: sources.isProtected, reliability: sources.reliability })
      .from(sources)
      .where(inArray(sources.id, frontier));
    for (const r of rows) known.set(r.id, r);
    const cited = await db
      .select({ sourceId: citations.sourceId, citesSourceId: citations.citesSourceId })
      .from(citations)
      .where(inArray(citations.sourceId, frontier));
    for (const c of cited) edges.set(`${c.sourceId}>${c.citesSourceId}`, c);
    const next = new Set<string>();
    for (const r of rows) if (r.affiliatedWithId) next.add(r.affiliatedWithId);
    for (const c of cited) next.add(c.citesSourceId);
    frontier = [...next].filter((id) => !expanded.has(id));
  }
  // Sources named by the last round's edges but not yet read.
  const missing = [...new Set([...edges.values()].flatMap((c) => [c.sourceId, c.citesSourceId]))].filter((id) => !known.has(id));
  if (missing.length) {
    for (const r of await db
      .select({ id: sources.id, name: sources.name, affiliatedWithId: sources.affiliatedWithId, isProtected: sources.isProtected, reliability: sources.reliability })
      .from(sources)
      .where(inArray(sources.id, missing))) {
      known.set(r.id, r);
    }
  }
  return { sources: [...known.values()], citations: [...edges.values()] };
}

/**
 * The claim's evidence collapsed into independent origins, with the grade the rules suggest, as
 * the actor may see it.
 */
export async function getClaimOrigins(db: Db, actor: Actor | null, claimId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  return computeClaimOrigins(db, claim.id);
}

/**
 * The origins of a claim, without an actor: for callers that already checked access (the claim
 * page) or work inside the system (a public snapshot at publication). The graph is computed by
 * the pure `computeOrigins`; this only gathers its inputs.
 */
export async function computeClaimOrigins(db: Db, claimId: string) {
  const items = await db
    .select({
      id: evidence.id,
      publishedBySourceId: evidence.publishedBySourceId,
      obtainedViaSourceId: evidence.obtainedViaSourceId,
      isFirstHand: evidence.isFirstHand,
      sha256: evidence.blobSha256,
      phash: evidence.phash,
    })
    .from(evidence)
    // Only items with their bytes, not withdrawn: a failed capture is no origin (lib/evidence/status.ts).
    .where(and(eq(evidence.claimId, claimId), countsForClaim));
  const ids = items.map((i) => i.id);
  const keyframes = ids.length
    ? await db.select({ evidenceId: evidenceDerivatives.evidenceId, phash: evidenceDerivatives.phash }).from(evidenceDerivatives).where(inArray(evidenceDerivatives.evidenceId, ids))
    : [];
  const hashes = new Map(items.map((i) => [i.id, i.phash ? [i.phash] : ([] as string[])]));
  for (const k of keyframes) if (k.phash) hashes.get(k.evidenceId)?.push(k.phash);

  const mediaLinks: OriginInput["mediaLinks"] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i], items[j]];
      if (a.sha256 && a.sha256 === b.sha256) {
        mediaLinks.push({ a: a.id, b: b.id, kind: "same_file" });
        continue;
      }
      const near = hashes.get(a.id)!.some((x) => hashes.get(b.id)!.some((y) => hammingDistance(x, y) <= NEAR_DUPLICATE_THRESHOLD));
      if (near) mediaLinks.push({ a: a.id, b: b.id, kind: "looks_alike" });
    }
  }

  const seeds = items.flatMap((i) => [i.publishedBySourceId, i.obtainedViaSourceId]).filter((s): s is string => !!s);
  const graph = await loadSourceGraph(db, seeds);
  const judged = ids.length
    ? await db.select({ evidenceId: assessments.evidenceId, stance: assessments.stance, credibility: assessments.credibility }).from(assessments).where(eq(assessments.claimId, claimId))
    : [];
  const origins = computeOrigins({
    items: items.map(({ id, publishedBySourceId, obtainedViaSourceId, isFirstHand }) => ({ id, publishedBySourceId, obtainedViaSourceId, isFirstHand })),
    sources: graph.sources,
    citations: graph.citations,
    mediaLinks,
    assessments: judged,
  });
  const byId = new Map(graph.sources.map((s) => [s.id, s]));
  return {
    items: items.length,
    origins: origins.map((o) => ({
      ...o,
      sources: o.sourceIds.map((id) => ({ id, name: byId.get(id)?.name ?? "", protected: byId.get(id)?.isProtected ?? false })),
    })),
    ...suggestGrade(origins),
  };
}

export type ClaimOriginsDto = Awaited<ReturnType<typeof computeClaimOrigins>>;
