import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { comments, evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { resolveMentions } from "./mentions";
import { ZWriteComment } from "./schemas";
import { readComment } from "./scope";

/**
 * Write a comment on a claim the actor can see, or on one of its items (`evidenceId`), in any
 * state: the discussion goes on after a claim is rejected or published, and never reaches the
 * public. The people it mentions (`@` + a name the picker offered) are recorded by id; a name of
 * someone who may not see the claim mentions nobody. Checks: visible (404), permitted (403),
 * valid (400, an item of another claim too), then the row and its audit event commit together.
 */
export async function createComment(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "comments.write");
  const data = parseInput(ZWriteComment, input);
  if (data.evidenceId) await assertItemOfClaim(db, claim.id, data.evidenceId);
  const mentions = await resolveMentions(db, claim, actor.id, data.body);
  const commentId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comments)
      .values({ claimId: claim.id, evidenceId: data.evidenceId ?? null, authorId: actor.id, body: data.body, mentions })
      .returning({ id: comments.id });
    await appendAuditEvent(tx, actor.id, {
      type: "comment.created",
      entity: { type: "claim", id: claim.id },
      data: { commentId: row.id, ...(data.evidenceId ? { evidenceId: data.evidenceId } : {}), body: data.body, mentions },
    });
    return row.id;
  });
  return readComment(db, commentId);
}

/** An item named in a comment or a thread's query must be one of the claim's: else a 400 on the field. */
export async function assertItemOfClaim(db: Db, claimId: string, evidenceId: string): Promise<void> {
  const [item] = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.id, evidenceId), eq(evidence.claimId, claimId)));
  if (!item) throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { evidenceId: [tr("errors.comments.itemNotOnClaim")] } });
}
