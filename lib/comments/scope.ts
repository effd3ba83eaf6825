import "server-only";
import { and, eq, getTableColumns } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, comments } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visibleClaimsWhere } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { isUuid } from "@/lib/validation/uuid";
import { commentAuthors, commentColumns, commentDeleters, type CommentDto, toCommentDtos } from "./dto";

/**
 * A comment with its claim's submitter, as the actor may see it, or NOT_FOUND — also for a comment
 * on a claim out of their scope, so ids cannot be probed.
 */
export async function findVisibleComment(db: Db, actor: Actor | null, commentId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const scope = visibleClaimsWhere(actor);
  if (scope === null || !isUuid(commentId)) throw new AppError("NOT_FOUND", tr("errors.comments.notFound"));
  const [row] = await db
    .select({ ...getTableColumns(comments), submittedById: claims.submittedById })
    .from(comments)
    .innerJoin(claims, eq(claims.id, comments.claimId))
    .where(and(eq(comments.id, commentId), scope));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.comments.notFound"));
  return row;
}

/** One comment by id as answered, for answering right after a write the caller was allowed to make. */
export async function readComment(db: Db, commentId: string): Promise<CommentDto> {
  const rows = await db
    .select(commentColumns)
    .from(comments)
    .innerJoin(commentAuthors, eq(commentAuthors.id, comments.authorId))
    .leftJoin(commentDeleters, eq(commentDeleters.id, comments.deletedById))
    .where(eq(comments.id, commentId));
  const [dto] = await toCommentDtos(db, rows);
  return dto;
}
