import "server-only";
import { isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidenceNotes } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { mayDeleteNote } from "./dto";
import { ZDeleteEvidenceNote } from "./schemas";
import { findVisibleNote } from "./scope";

/**
 * Delete a note: its author, or an editor moderating. The row stays (who deleted it, when) with its
 * text emptied; the text stays only in `evidence.note_deleted`. Checks: visible (404), permitted
 * (403: neither the author nor an editor), valid (400), not deleted already (422, guard
 * `deleted`), the version read (409). Answers the item the note was on (the page to show again).
 */
export async function deleteEvidenceNote(db: Db, actor: Actor | null, noteId: string, input: unknown): Promise<{ evidenceId: string }> {
  const note = await findVisibleNote(db, actor, noteId);
  assertCan(actor, "evidence.notes.write");
  if (!mayDeleteNote(actor, note)) throw new AppError("FORBIDDEN", tr("errors.evidenceNotes.deleteOwnOnly"));
  const data = parseInput(ZDeleteEvidenceNote, input);
  if (note.deletedAt) throw new AppError("INVALID_STATE", tr("errors.evidenceNotes.deleted"), { guard: "deleted" });
  assertCurrentVersion(data.version, note.version, "note");
  await db.transaction(async (tx) => {
    await updateVersioned(tx, evidenceNotes, { id: note.id, version: data.version }, { body: "", deletedAt: new Date(), deletedById: actor.id }, "note", isNull(evidenceNotes.deletedAt));
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.note_deleted",
      entity: { type: "evidence", id: note.evidenceId },
      data: { noteId: note.id, claimId: note.claimId, body: note.body },
    });
  });
  return { evidenceId: note.evidenceId };
}
