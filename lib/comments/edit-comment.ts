import "server-only";
import { isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { comments } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { resolveMentions } from "./mentions";
import { ZEditComment } from "./schemas";
import { findVisibleComment, readComment } from "./scope";

/**
 * Its author rewrites a comment. The earlier text stays in the audit log (the event's `changes`),
 * and the event names only the people the new text mentions for the first time, so nobody is told
 * twice of one comment. Checks: visible (404), permitted and the author (403), not deleted (422),
 * the version read (409); the same text again changes nothing.
 */
export async function editComment(db: Db, actor: Actor | null, commentId: string, input: unknown) {
  const comment = await findVisibleComment(db, actor, commentId);
  assertCan(actor, "comments.write");
  if (comment.authorId !== actor.id) throw new AppError("FORBIDDEN", tr("errors.comments.editOwnOnly"));
  const data = parseInput(ZEditComment, input);
  if (comment.deletedAt) throw new AppError("INVALID_STATE", tr("errors.comments.deleted"), { guard: "deleted" });
  assertCurrentVersion(data.version, comment.version, "comment");
  if (data.body === comment.body) return readComment(db, comment.id);
  const mentions = await resolveMentions(db, { submittedById: comment.submittedById }, actor.id, data.body);
  const newlyMentioned = mentions.filter((id) => !comment.mentions.includes(id));
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(
      tx,
      comments,
      { id: comment.id, version: data.version },
      { body: data.body, mentions, editedAt: new Date() },
      "comment",
      isNull(comments.deletedAt),
    );
    await appendAuditEvent(tx, actor.id, {
      type: "comment.edited",
      entity: { type: "claim", id: comment.claimId },
      data: {
        commentId: comment.id,
        ...(comment.evidenceId ? { evidenceId: comment.evidenceId } : {}),
        version: updated.version,
        changes: diffFields({ body: comment.body }, { body: data.body }),
        mentions: newlyMentioned,
      },
    });
  });
  return readComment(db, comment.id);
}
