import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidenceNotes, users } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/permissions";

/** A time-coded note as answered: a moment (`endMs` null) or a span, and what the reader may do with it. */
export type EvidenceNoteDto = {
  id: string;
  evidenceId: string;
  startMs: number;
  endMs: number | null;
  body: string;
  author: { id: string; name: string };
  createdAt: string;
  editedAt: string | null;
  version: number;
  /** Its author may rewrite it (and move its times). */
  mayEdit: boolean;
  /** Its author may delete it; so may an editor (`evidence.notes.moderate`). */
  mayDelete: boolean;
};

/** The columns a note is answered from (joined with its author). */
export const noteColumns = {
  id: evidenceNotes.id,
  evidenceId: evidenceNotes.evidenceId,
  startMs: evidenceNotes.startMs,
  endMs: evidenceNotes.endMs,
  body: evidenceNotes.body,
  authorId: evidenceNotes.authorId,
  authorName: users.name,
  createdAt: evidenceNotes.createdAt,
  editedAt: evidenceNotes.editedAt,
  version: evidenceNotes.version,
};

type NoteRow = {
  id: string;
  evidenceId: string;
  startMs: number;
  endMs: number | null;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  editedAt: Date | null;
  version: number;
};

/** Whether the actor may rewrite this note: only its author, among those who write notes. */
export function mayEditNote(actor: Actor | null, note: { authorId: string }): boolean {
  return !!actor && can(actor, "evidence.notes.write") && note.authorId === actor.id;
}

/** Whether the actor may delete this note: its author, or an editor moderating. */
export function mayDeleteNote(actor: Actor | null, note: { authorId: string }): boolean {
  return !!actor && can(actor, "evidence.notes.write") && (note.authorId === actor.id || can(actor, "evidence.notes.moderate"));
}

export function toNoteDto(actor: Actor | null, r: NoteRow): EvidenceNoteDto {
  return {
    id: r.id,
    evidenceId: r.evidenceId,
    startMs: r.startMs,
    endMs: r.endMs,
    body: r.body,
    author: { id: r.authorId, name: r.authorName },
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    version: r.version,
    mayEdit: mayEditNote(actor, r),
    mayDelete: mayDeleteNote(actor, r),
  };
}

/** One note by id as answered, right after a write the actor was allowed to make. */
export async function readNote(db: Db, actor: Actor | null, noteId: string): Promise<EvidenceNoteDto> {
  const [row] = await db.select(noteColumns).from(evidenceNotes).innerJoin(users, eq(users.id, evidenceNotes.authorId)).where(eq(evidenceNotes.id, noteId));
  return toNoteDto(actor, row);
}
