import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, publishedEntries, users } from "@/db/schema";
import type { TCorrectionChanges } from "@/lib/workflow/schemas";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { publicTranslations } from "@/lib/publishing/translations";
import { isUuid } from "@/lib/validation/uuid";
import { claimColumns, claimJoins, toClaimDto } from "./dto";
import { visibleClaimsWhere } from "./scope";
import { tr } from "@/lib/i18n/translate";

/** One claim as the actor may see it (NOT_FOUND when out of scope), with its public address if any. */
export async function getClaim(db: Db, actor: Actor | null, claimId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const scope = visibleClaimsWhere(actor);
  if (scope === null || !isUuid(claimId)) throw new AppError("NOT_FOUND", tr("errors.claims.notFound"));
  const { submitter, assignee, sentToReviewBy } = claimJoins;
  // The public address in the same statement: every write answers with getClaim.
  const publicSlug = sql<string | null>`(select ${publishedEntries.slug} from ${publishedEntries} where ${publishedEntries.claimId} = ${claims.id} limit 1)`;
  // A drafted correction waiting for another editor (issue 17): only the claim's own page needs it.
  const correction = {
    pendingCorrection: claims.pendingCorrection,
    correctionDraftedById: claims.correctionDraftedById,
    correctionDraftedAt: claims.correctionDraftedAt,
    correctionDraftedByName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${claims.correctionDraftedById})`,
    translations: claims.translations,
  };
  const [row] = await db
    .select({ ...claimColumns, publicSlug, ...correction })
    .from(claims)
    .innerJoin(submitter, eq(submitter.id, claims.submittedById))
    .leftJoin(assignee, eq(assignee.id, claims.assigneeId))
    .leftJoin(sentToReviewBy, eq(sentToReviewBy.id, claims.sentToReviewById))
    .where(and(eq(claims.id, claimId), scope));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.claims.notFound"));
  return {
    ...toClaimDto(row),
    publicSlug: row.publicSlug,
    // The published translations of the title and summary (issue 18), each saying whether the
    // original changed since; a correction changes them.
    translations: publicTranslations(row) ?? {},
    correction:
      row.pendingCorrection && row.correctionDraftedById
        ? {
            reason: row.pendingCorrection.reason,
            changes: row.pendingCorrection.changes as TCorrectionChanges,
            draftedBy: { id: row.correctionDraftedById, name: row.correctionDraftedByName ?? "" },
            draftedAt: row.correctionDraftedAt?.toISOString() ?? null,
          }
        : null,
  };
}

export type ClaimDetailDto = Awaited<ReturnType<typeof getClaim>>;
