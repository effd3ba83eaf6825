import type { Db } from "@/db/connect";
import { comments } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";

/**
 * A comment's row and its event, written raw: the fan-out's tests name whom they like as mentioned
 * (a submitter on another's claim, a person since demoted), which lib/comments would refuse to
 * record, to show that the fan-out tells nobody who cannot see the claim whatever an event says.
 */
export async function writeComment(db: Db, author: Actor, claimId: string, mentions: string[] = [], body = "A comment.") {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(comments).values({ claimId, authorId: author.id, body, mentions }).returning({ id: comments.id });
    await appendAuditEvent(tx, author.id, { type: "comment.created", entity: { type: "claim", id: claimId }, data: { commentId: row.id, body, mentions } });
    return row.id;
  });
}

