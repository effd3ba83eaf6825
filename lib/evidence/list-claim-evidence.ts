import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidence, evidenceDerivatives, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { evidenceStatus } from "./status";
import { captureFailureText } from "./capture/failure-reason";

/**
 * The evidence of one claim, oldest first, with each item's thumbnail when there is one, and its
 * status (capturing, failed, withdrawn, held): withdrawn and failed items are listed, and say so.
 */
export async function listClaimEvidence(db: Db, actor: Actor | null, claimId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const rows = await db
    .select({
      id: evidence.id,
      sha256: evidence.blobSha256,
      mediaType: evidence.mediaType,
      size: evidence.size,
      intake: evidence.intake,
      originalFilename: evidence.originalFilename,
      sourceUrl: evidence.sourceUrl,
      publishedBySourceId: evidence.publishedBySourceId,
      obtainedViaSourceId: evidence.obtainedViaSourceId,
      isFirstHand: evidence.isFirstHand,
      version: evidence.version,
      isGraphic: evidence.isGraphic,
      hasPersonalData: evidence.hasPersonalData,
      sensitivityReviewedAt: evidence.sensitivityReviewedAt,
      processing: evidence.processing,
      captureError: evidence.captureError,
      withdrawnAt: evidence.withdrawnAt,
      withdrawalReason: evidence.withdrawalReason,
      addedById: evidence.addedById,
      addedAt: evidence.addedAt,
      addedByName: users.name,
      thumbnailId: evidenceDerivatives.id,
    })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.addedById))
    .leftJoin(
      evidenceDerivatives,
      and(eq(evidenceDerivatives.evidenceId, evidence.id), eq(evidenceDerivatives.kind, "thumbnail")),
    )
    .where(eq(evidence.claimId, claim.id))
    .orderBy(asc(evidence.addedAt), asc(evidence.id));
  return rows.map((r) => ({
    ...r,
    status: evidenceStatus(r),
    captureError: r.captureError && captureFailureText(r.captureError),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    addedAt: r.addedAt.toISOString(),
    sensitivityReviewedAt: r.sensitivityReviewedAt?.toISOString() ?? null,
    processing: r.processing as Record<string, string>,
    thumbnailUrl: r.thumbnailId ? `/api/v1/evidence/${r.id}/derivatives/${r.thumbnailId}` : null,
  }));
}

export type ClaimEvidenceItem = Awaited<ReturnType<typeof listClaimEvidence>>[number];
