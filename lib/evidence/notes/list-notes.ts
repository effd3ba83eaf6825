import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidenceNotes, users } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleEvidence } from "../scope";
import { type EvidenceNoteDto, noteColumns, toNoteDto } from "./dto";
import { isTimed } from "./scope";

/**
 * The most notes one item's list answers: a reviewer's marks on one video, not a transcript. The
 * list is bounded rather than paged (the player shows them all beside it).
 */
export const EVIDENCE_NOTES_LISTED = 1000;

/**
 * An item's time-coded notes, by their moment (then by when they were written); deleted ones are
 * left out (their text is the audit log's). Checks: the item visible (404), `evidence.notes.read`
 * (403). An item that is not video or audio has none. Read through evidence_notes_evidence_idx.
 */
export async function listEvidenceNotes(db: Db, actor: Actor | null, evidenceId: string): Promise<EvidenceNoteDto[]> {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.notes.read");
  if (!isTimed(item.mediaType)) return [];
  const rows = await db
    .select(noteColumns)
    .from(evidenceNotes)
    .innerJoin(users, eq(users.id, evidenceNotes.authorId))
    .where(and(eq(evidenceNotes.evidenceId, item.id), isNull(evidenceNotes.deletedAt)))
    .orderBy(asc(evidenceNotes.startMs), asc(evidenceNotes.createdAt), asc(evidenceNotes.id))
    .limit(EVIDENCE_NOTES_LISTED);
  return rows.map((r) => toNoteDto(actor, r));
}
