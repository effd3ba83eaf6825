import "server-only";
import { inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { comments, users } from "@/db/schema";

export const commentAuthors = alias(users, "comment_author");
export const commentDeleters = alias(users, "comment_deleter");

/** The columns a comment is answered from (joined with its author and, once deleted, who deleted it). */
export const commentColumns = {
  id: comments.id,
  claimId: comments.claimId,
  evidenceId: comments.evidenceId,
  authorId: comments.authorId,
  authorName: commentAuthors.name,
  body: comments.body,
  mentions: comments.mentions,
  version: comments.version,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  deletedAt: comments.deletedAt,
  deletedById: comments.deletedById,
  deletedByName: commentDeleters.name,
  deleteReason: comments.deleteReason,
};

type CommentRow = {
  id: string;
  claimId: string;
  evidenceId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  mentions: string[];
  version: number;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  deletedById: string | null;
  deletedByName: string | null;
  deleteReason: string | null;
};

export type CommentDto = {
  id: string;
  claimId: string;
  evidenceId: string | null;
  author: { id: string; name: string };
  /** Empty once deleted: the text stays only in the audit log. */
  body: string;
  mentions: { id: string; name: string }[];
  version: number;
  createdAt: string;
  editedAt: string | null;
  deleted: { by: { id: string; name: string }; at: string; reason: string } | null;
};

/** Comments as answered, their mentions named (one query for the whole page). */
export async function toCommentDtos(db: Db, rows: CommentRow[]): Promise<CommentDto[]> {
  const ids = [...new Set(rows.flatMap((r) => r.mentions))];
  const names = new Map(ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : []);
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claimId,
    evidenceId: r.evidenceId,
    author: { id: r.authorId, name: r.authorName },
    body: r.body,
    mentions: r.mentions.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    deleted:
      r.deletedAt && r.deletedById
        ? { by: { id: r.deletedById, name: r.deletedByName ?? "" }, at: r.deletedAt.toISOString(), reason: r.deleteReason ?? "" }
        : null,
  }));
}
