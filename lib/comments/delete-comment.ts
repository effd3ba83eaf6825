import "server-only";
import { isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { comments } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { ZDeleteComment } from "./schemas";
import { findVisibleComment, readComment } from "./scope";

/** Whether the actor may delete this comment: their own, or anyone's for an editor (`comments.moderate`). */
export function mayDeleteComment(actor: Actor | null, comment: { authorId: string }): boolean {
  return !!actor && can(actor, "comments.write") && (comment.authorId === actor.id || can(actor, "comments.moderate"));
}

/**
 * Delete a comment, saying why: its author, or an editor moderating. The thread keeps its place
 * ("deleted by X: reason"); the text leaves the row and stays only in the audit event. Checks:
 * visible (404), permitted (403: neither the author nor an editor), not deleted already (422), and
 * the version read when one is sent (409).
 */
export async function deleteComment(db: Db, actor: Actor | null, commentId: string, input: unknown) {
  const comment = await findVisibleComment(db, actor, commentId);
  assertCan(actor, "comments.write");
  if (!mayDeleteComment(actor, comment)) throw new AppError("FORBIDDEN", tr("errors.comments.deleteOwnOnly"));
  const data = parseInput(ZDeleteComment, input);
  if (comment.deletedAt) throw new AppError("INVALID_STATE", tr("errors.comments.deleted"), { guard: "deleted" });
  if (data.version !== undefined) assertCurrentVersion(data.version, comment.version, "comment");
  await db.transaction(async (tx) => {
    await updateVersioned(
      tx,
      comments,
      { id: comment.id, version: comment.version },
      { body: "", mentions: [], deletedAt: new Date(), deletedById: actor.id, deleteReason: data.reason },
      "comment",
      isNull(comments.deletedAt),
    );
    await appendAuditEvent(tx, actor.id, {
      type: "comment.deleted",
      entity: { type: "claim", id: comment.claimId },
      data: { commentId: comment.id, ...(comment.evidenceId ? { evidenceId: comment.evidenceId } : {}), reason: data.reason, body: comment.body },
    });
  });
  return readComment(db, comment.id);
}
