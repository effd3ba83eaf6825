import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";
import { ZLimit } from "@/lib/validation/cursor";
import { zNumeric } from "@/lib/validation/number";
import { zOptionalText, zText } from "@/lib/validation/text";
import { COMMENT_MAX } from "@/lib/vocabulary";

/** The longest reason given for deleting a comment, in characters. */
export const DELETE_REASON_MAX = 500;

// HTML forms send "" for an empty field; the API may send null. Both mean "not given".
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const ZCommentVersion = zNumeric(z.number({ error: messageRef("validation.commentVersion") }).int().positive());

/** A comment on a claim, or on one of its items (`evidenceId`). People are mentioned in the text: `@` and their name as offered. */
export const ZWriteComment = z
  .object({
    body: zText(COMMENT_MAX),
    evidenceId: z.preprocess(emptyToUndefined, z.uuid(messageRef("validation.comments.notItem")).optional()),
  })
  .strict();

/** A comment's new text, on the version its author read. */
export const ZEditComment = z.object({ body: zText(COMMENT_MAX), version: ZCommentVersion }).strict();

/** Why a comment is deleted (shown in its place in the thread); the version read, when the client knows it. */
export const ZDeleteComment = z
  .object({
    reason: zText(DELETE_REASON_MAX),
    version: z.preprocess(emptyToUndefined, ZCommentVersion.optional()),
  })
  .strict();

/** One thread: the claim's whole discussion, or one item's (`evidenceId`); oldest first, keyset pages. */
export const ZCommentQuery = z
  .object({
    evidenceId: z.preprocess(emptyToUndefined, z.uuid(messageRef("validation.comments.notItem")).optional()),
    cursor: z.string().max(300).optional(),
    limit: ZLimit,
  });

/** Who may be mentioned: `q` narrows by name. */
export const ZMentionQuery = z.object({ q: zOptionalText(100) });

export type TWriteComment = z.input<typeof ZWriteComment>;
export type TEditComment = z.input<typeof ZEditComment>;
export type TDeleteComment = z.input<typeof ZDeleteComment>;
export type TCommentQuery = z.input<typeof ZCommentQuery>;
export type TMentionQuery = z.input<typeof ZMentionQuery>;
