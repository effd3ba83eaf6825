import "server-only";
import { and, asc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { comments } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor, ZCursorTimestamp } from "@/lib/validation/cursor";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { parseInput } from "@/lib/validation/parse";
import { assertItemOfClaim } from "./create-comment";
import { commentAuthors, commentColumns, commentDeleters, toCommentDtos } from "./dto";
import { ZCommentQuery } from "./schemas";

/**
 * A claim's discussion, oldest first: every comment on it and on its items, or one item's thread
 * (`evidenceId`). Deleted comments keep their place (who deleted them and why). Keyset pages on
 * (created_at, id), read through comments_claim_idx / comments_evidence_idx.
 */
export async function listComments(db: Db, actor: Actor | null, claimId: string, query: unknown) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const { evidenceId, cursor, limit } = parseInput(ZCommentQuery, query);
  if (evidenceId) await assertItemOfClaim(db, claim.id, evidenceId);
  const after = decodeCursor(z.tuple([ZCursorTimestamp, z.uuid()]), cursor);
  const where: (SQL | undefined)[] = [evidenceId ? eq(comments.evidenceId, evidenceId) : eq(comments.claimId, claim.id)];
  if (after) where.push(pastCursor([comments.createdAt, comments.id], [asTimestamp(after[0]), asUuid(after[1])], "asc"));
  const rows = await db
    .select(commentColumns)
    .from(comments)
    .innerJoin(commentAuthors, eq(commentAuthors.id, comments.authorId))
    .leftJoin(commentDeleters, eq(commentDeleters.id, comments.deletedById))
    .where(and(...where))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await toCommentDtos(db, page),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

/**
 * A page's thread from an address's cursor (`?comments=`): a cursor that is not one (edited by
 * hand, cut short) shows the first page rather than an error page.
 */
export async function listCommentsForPage(db: Db, actor: Actor | null, claimId: string, { cursor, evidenceId, limit }: { cursor: unknown; evidenceId?: string; limit: number }) {
  const query = { evidenceId, limit: String(limit) };
  if (typeof cursor !== "string" || !cursor) return listComments(db, actor, claimId, query);
  try {
    return await listComments(db, actor, claimId, { ...query, cursor });
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST") return listComments(db, actor, claimId, query);
    throw error;
  }
}
