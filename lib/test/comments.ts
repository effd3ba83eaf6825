import type { Db } from "@/db/connect";
import { comments } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Actor } from "@/lib/auth/permissions";

/** A comment as lib/comments writes it (written here so the notifications need not wait for it): the row, and its event on the claim in the same transaction. */
export async function writeComment(db: Db, author: Actor, claimId: string, mentions: string[] = [], body = "A comment.") {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(comments).values({ claimId, authorId: author.id, body, mentions }).returning({ id: comments.id });
    await appendAuditEvent(tx, author.id, { type: "comment.created", entity: { type: "claim", id: claimId }, data: { commentId: row.id, body, mentions } });
    return row.id;
  });
}

