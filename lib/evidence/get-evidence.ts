import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { claims, evidence, evidenceDerivatives, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { findSimilarEvidence } from "./near-duplicates";
import { findVisibleEvidence } from "./scope";
import { evidenceStatus } from "./status";
import { captureFailureText } from "./capture/failure-reason";
import { type MetadataNote, metadataNoteText } from "./metadata-notes";
import { isWorkingCopyKind, workingCopyDto } from "./working-copies";

const reviewer = alias(users, "sensitivity_reviewer");
const withdrawer = alias(users, "withdrawer");

export type Processing = Record<string, "pending" | "done" | "failed" | "skipped">;

/**
 * One evidence item as the actor may see it: hashes, sniffed type, metadata, processing state per
 * derivation, derived files, exact duplicates and near duplicates — the last two only among claims
 * the actor may see, so they reveal nothing of other people's work.
 */
import { readDisclosures } from "@/lib/publishing/read-disclosures";

export async function getEvidence(db: Db, actor: Actor | null, evidenceId: string) {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  const scope = visibleClaimsWhere(actor) ?? undefined;
  const [people] = await db
    .select({ addedByName: users.name, reviewerName: reviewer.name, withdrawerName: withdrawer.name, claimTitle: claims.title, claimState: claims.state })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.addedById))
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .leftJoin(reviewer, eq(reviewer.id, evidence.sensitivityReviewedById))
    .leftJoin(withdrawer, eq(withdrawer.id, evidence.withdrawnById))
    .where(eq(evidence.id, item.id));
  const derivatives = await db
    .select({
      id: evidenceDerivatives.id,
      kind: evidenceDerivatives.kind,
      position: evidenceDerivatives.position,
      atMs: evidenceDerivatives.atMs,
      phash: evidenceDerivatives.phash,
      sha256: evidenceDerivatives.blobSha256,
      mediaType: evidenceDerivatives.mediaType,
      size: evidenceDerivatives.size,
      details: evidenceDerivatives.details,
    })
    .from(evidenceDerivatives)
    .where(eq(evidenceDerivatives.evidenceId, item.id))
    .orderBy(asc(evidenceDerivatives.kind), asc(evidenceDerivatives.position));
  const duplicateOf = item.blobSha256
    ? await db
        .select({ evidenceId: evidence.id, claimId: evidence.claimId, claimTitle: claims.title, addedAt: evidence.addedAt })
        .from(evidence)
        .innerJoin(claims, eq(claims.id, evidence.claimId))
        .where(and(eq(evidence.blobSha256, item.blobSha256), ne(evidence.id, item.id), scope))
        .orderBy(asc(evidence.addedAt))
    : [];
  const hashes = [item.phash, ...derivatives.map((d) => d.phash)].filter((h): h is string => !!h);
  const similarAll = await findSimilarEvidence(db, hashes, item.id);
  // Only the claims of the matches are checked against the actor's scope, never all claims.
  const matchedClaimIds = [...new Set(similarAll.map((s) => s.claimId))];
  const visibleClaimIds = new Set(
    matchedClaimIds.length
      ? (await db.select({ id: claims.id }).from(claims).where(and(inArray(claims.id, matchedClaimIds), scope))).map((c) => c.id)
      : [],
  );
  const exactIds = new Set(duplicateOf.map((d) => d.evidenceId));
  const similar = similarAll.filter((s) => visibleClaimIds.has(s.claimId) && !exactIds.has(s.evidenceId));

  return {
    id: item.id,
    claimId: item.claimId,
    claimTitle: people.claimTitle,
    claimState: people.claimState,
    /** capturing, failed, withdrawn or held: only a held item counts for its claim (./status.ts). */
    status: evidenceStatus({ sha256: item.blobSha256, captureError: item.captureError, withdrawnAt: item.withdrawnAt }),
    /** Why the capture failed, in plain words; null unless it did. */
    captureError: item.captureError && captureFailureText(item.captureError),
    withdrawal: item.withdrawnAt
      ? { by: people.withdrawerName ?? "", at: item.withdrawnAt.toISOString(), reason: item.withdrawalReason ?? "" }
      : null,
    sha256: item.blobSha256,
    size: item.size,
    mediaType: item.mediaType,
    intake: item.intake,
    /** A frame grab's video and the moment (ms) it was taken at; null for anything else. */
    derivedFrom: item.derivedFromId ? { evidenceId: item.derivedFromId, atMs: item.derivedAtMs ?? 0 } : null,
    originalFilename: item.originalFilename,
    sourceUrl: item.sourceUrl,
    publishedBySourceId: item.publishedBySourceId,
    obtainedViaSourceId: item.obtainedViaSourceId,
    isFirstHand: item.isFirstHand,
    addedBy: { id: item.addedById, name: people.addedByName },
    addedAt: item.addedAt.toISOString(),
    capturedAt: item.capturedAt?.toISOString() ?? null,
    isGraphic: item.isGraphic,
    hasPersonalData: item.hasPersonalData,
    sensitivityReviewed: item.sensitivityReviewedAt
      ? { by: people.reviewerName ?? "", at: item.sensitivityReviewedAt.toISOString() }
      : null,
    metadata: item.metadata as Record<string, unknown>,
    metadataNote: metadataNoteText(item.metadataNotes as MetadataNote[] | null),
    phash: item.phash,
    /**
     * How published entries name the item now, and why (lib/publishing/disclosure.ts): its hash,
     * its commitment (given here: it is public once published), or nothing; and an editor's choice
     * over the rule, with the reason.
     */
    publicFingerprint: {
      ...(await readDisclosures(db, [{ ...item, sha256: item.blobSha256 }]))[0],
      commitment: item.commitment,
      chosen: item.disclosure ? { disclosure: item.disclosure, reason: item.disclosureReason ?? "", at: item.disclosureSetAt?.toISOString() ?? null } : null,
    },
    processing: item.processing as Processing,
    version: item.version,
    /** Stills: the thumbnail and keyframes. */
    derivatives: derivatives
      .filter((d) => !isWorkingCopyKind(d.kind))
      .map((d) => ({ id: d.id, kind: d.kind, position: d.position, atMs: d.atMs, phash: d.phash, sha256: d.sha256, url: `/api/v1/evidence/${item.id}/derivatives/${d.id}` })),
    /** The playable copies (`web`, `low`) made from the original, served inline by their own door. */
    workingCopies: derivatives.flatMap(({ kind, ...d }) => (isWorkingCopyKind(kind) ? [workingCopyDto(item.id, { ...d, kind })] : [])),
    duplicateOf: duplicateOf.map((d) => ({ ...d, addedAt: d.addedAt.toISOString() })),
    similar,
  };
}

export type EvidenceDto = Awaited<ReturnType<typeof getEvidence>>;
