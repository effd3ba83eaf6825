import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { type Claim, claimPersons, evidence, figures, persons, sources } from "@/db/schema";
import { countsForClaim } from "@/lib/evidence/counted";
import { computeClaimOrigins } from "@/lib/origins/claim-origins";
import { loadPersons } from "@/lib/persons/dto";
import { sensitiveBytes } from "./read-disclosures";
import { buildPublicSnapshot, type PublicSnapshot, type SnapshotInputs } from "./snapshot";

/**
 * Read what a public version of a claim may show, selecting only the columns the allowlist needs
 * (no file names, no metadata, no notes), and hand it to `buildPublicSnapshot`, which decides
 * field by field. Runs inside the publishing transaction, so the snapshot is what was published.
 */
export async function gatherPublicSnapshot(tx: Db, claim: Claim): Promise<PublicSnapshot> {
  return buildPublicSnapshot(claim, await gatherSnapshotInputs(tx, claim));
}

/** What `buildPublicSnapshot` chooses from, read for one claim (also the publish preview's, for each item's fingerprint). */
export async function gatherSnapshotInputs(tx: Db, claim: Claim): Promise<SnapshotInputs> {
  const [items, origins, links, reported] = await Promise.all([
    tx
      .select({
        id: evidence.id,
        sha256: evidence.blobSha256,
        commitment: evidence.commitment,
        disclosure: evidence.disclosure,
        mediaType: evidence.mediaType,
        size: evidence.size,
        intake: evidence.intake,
        sourceUrl: evidence.sourceUrl,
        publishedBySourceId: evidence.publishedBySourceId,
        obtainedViaSourceId: evidence.obtainedViaSourceId,
        hasPersonalData: evidence.hasPersonalData,
      })
      .from(evidence)
      // Withdrawn items and captures without bytes are not the entry's evidence, nor its appearances.
      .where(and(eq(evidence.claimId, claim.id), countsForClaim))
      .orderBy(asc(evidence.addedAt), asc(evidence.id)),
    computeClaimOrigins(tx, claim.id),
    tx
      .select({ role: claimPersons.role, personId: persons.id, mergedIntoId: persons.mergedIntoId })
      .from(claimPersons)
      .innerJoin(persons, eq(persons.id, claimPersons.personId))
      .where(and(eq(claimPersons.claimId, claim.id), eq(claimPersons.isPublic, true)))
      .orderBy(asc(claimPersons.createdAt), asc(claimPersons.id)),
    tx
      .select({
        measure: figures.measure,
        valueMin: figures.valueMin,
        valueMax: figures.valueMax,
        atLeast: figures.atLeast,
        scopePlace: figures.scopePlace,
        scopePeriodFrom: figures.scopePeriodFrom,
        scopePeriodTo: figures.scopePeriodTo,
        asOf: figures.asOf,
        sourceId: figures.sourceId,
      })
      .from(figures)
      .where(eq(figures.claimId, claim.id))
      .orderBy(asc(figures.asOf), asc(figures.createdAt)),
  ]);
  const sourceIds = [
    ...new Set([
      ...origins.origins.flatMap((o) => o.sourceIds),
      ...reported.map((f) => f.sourceId),
      ...items.flatMap((i) => [i.publishedBySourceId, i.obtainedViaSourceId]).filter((id): id is string => !!id),
    ]),
  ];
  const [sourceRows, people, sensitive] = await Promise.all([
    sourceIds.length
      ? tx
          .select({ id: sources.id, name: sources.name, kind: sources.kind, reliability: sources.reliability, isProtected: sources.isProtected })
          .from(sources)
          .where(inArray(sources.id, sourceIds))
      : [],
    loadPersons(tx, links.map((l) => l.mergedIntoId ?? l.personId)),
    sensitiveBytes(tx, items.flatMap((i) => (i.sha256 ? [i.sha256] : []))),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  return {
    items: items.map((i) => ({ ...i, sameBytesSensitive: !!i.sha256 && sensitive.has(i.sha256) })),
    origins,
    sources: sourceRows,
    persons: links.flatMap((l) => {
      const person = personById.get(l.mergedIntoId ?? l.personId);
      return person ? [{ role: l.role, person }] : [];
    }),
    figures: reported,
  };
}
