import "server-only";
import { canonicalPersonId } from "@/lib/persons/scope";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { casualtyRecords, claims, figures, incidentClaims, persons, sources } from "@/db/schema";
import type { ClaimState } from "@/lib/vocabulary";
import { type ReportedFigure, type Tally, tallyOf } from "./tally";
import { subtreeOf } from "./tree";

/** Claims whose figures do not count: turned down, a duplicate of another, or withdrawn from the public. */
export const NOT_COUNTED: ClaimState[] = ["rejected", "duplicate", "retracted"];

/**
 * The tally of an incident and of each one under it, by id: victims counted once per person
 * (merged persons as the one they joined) across each subtree, and the killed figures of each
 * one's own claims (`publishedOnly`: of published claims alone, as the public page counts). Three
 * queries, whatever the tree's size.
 */
export async function readTallies(db: Db, incidentId: string, { publishedOnly = false } = {}): Promise<Map<string, Tally>> {
  const tree = await subtreeOf(db, incidentId);
  const ids = tree.map((n) => n.id);
  const victims = await db
    .select({ incidentId: casualtyRecords.incidentId, personId: canonicalPersonId })
    .from(casualtyRecords)
    .innerJoin(persons, eq(persons.id, casualtyRecords.personId))
    .where(inArray(casualtyRecords.incidentId, ids));
  const reported = await db
    .select({
      incidentId: incidentClaims.incidentId,
      sourceId: figures.sourceId,
      sourceName: sources.name,
      sourceProtected: sources.isProtected,
      min: figures.valueMin,
      max: figures.valueMax,
      atLeast: figures.atLeast,
      asOf: figures.asOf,
      claimId: figures.claimId,
    })
    .from(incidentClaims)
    .innerJoin(claims, eq(claims.id, incidentClaims.claimId))
    .innerJoin(figures, eq(figures.claimId, claims.id))
    .innerJoin(sources, eq(sources.id, figures.sourceId))
    .where(
      and(
        inArray(incidentClaims.incidentId, ids),
        eq(figures.measure, "killed"),
        publishedOnly ? eq(claims.state, "published") : notInArray(claims.state, NOT_COUNTED),
      ),
    );
  const children = new Map<string, string[]>();
  for (const n of tree) if (n.depth > 0 && n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const ownVictims = new Map<string, string[]>();
  for (const v of victims) ownVictims.set(v.incidentId, [...(ownVictims.get(v.incidentId) ?? []), v.personId]);
  const ownFigures = new Map<string, ReportedFigure[]>();
  for (const { incidentId: id, ...f } of reported) ownFigures.set(id, [...(ownFigures.get(id) ?? []), f]);

  const tallies = new Map<string, Tally>();
  const namedUnder = new Map<string, Set<string>>();
  // Deepest first, so each incident's children are tallied before it.
  for (const node of [...tree].sort((a, b) => b.depth - a.depth)) {
    const named = new Set(ownVictims.get(node.id));
    const kids = children.get(node.id) ?? [];
    for (const kid of kids) for (const p of namedUnder.get(kid) ?? []) named.add(p);
    namedUnder.set(node.id, named);
    tallies.set(node.id, tallyOf(named.size, ownFigures.get(node.id) ?? [], kids.map((k) => tallies.get(k)!)));
  }
  return tallies;
}
