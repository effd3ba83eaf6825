"use server";

import { getTranslations } from "next-intl/server";
import { createComment } from "@/lib/comments/create-comment";
import { deleteComment } from "@/lib/comments/delete-comment";
import { editComment } from "@/lib/comments/edit-comment";
import type { CommentDto } from "@/lib/comments/dto";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";

/** The pages that show a comment: its claim's, and its item's when it is on one. */
const pagesOf = (comment: Pick<CommentDto, "claimId" | "evidenceId">) => [`/claims/${comment.claimId}`, ...(comment.evidenceId ? [`/evidence/${comment.evidenceId}`] : [])];

/** A comment on the claim, or on one of its items (the evidence page's form sends `evidenceId`). The form is emptied once it is written. */
export async function writeCommentAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const comment = await createComment(db, actor, claimId, { body: values.body ?? "", evidenceId: values.evidenceId });
    return { message: (await getTranslations("comments.form"))("written"), refresh: pagesOf(comment) };
  });
}

export async function editCommentAction(commentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const comment = await editComment(db, actor, commentId, { body: values.body ?? "", version: values.version });
    return { message: (await getTranslations("comments.edit"))("saved"), refresh: pagesOf(comment) };
  });
}

export async function deleteCommentAction(commentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const comment = await deleteComment(db, actor, commentId, { reason: values.reason ?? "", version: values.version });
    return { message: (await getTranslations("comments.delete"))("deleted"), refresh: pagesOf(comment) };
  });
}
