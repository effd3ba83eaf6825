import "server-only";
import { isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidenceNotes } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { type EvidenceNoteDto, mayEditNote, readNote } from "./dto";
import { ZEditEvidenceNote } from "./schemas";
import { assertWithinItem, findVisibleNote } from "./scope";

/**
 * Its author rewrites a note, or moves it (`startMs`, `endMs`; `endMs: null` makes a span a
 * moment). The earlier values stay in the audit log (`evidence.note_edited`'s `changes`). Checks:
 * visible (404), permitted and the author (403), valid (400), not deleted (422, guard `deleted`),
 * the version read (409), the end not before the start and within the item (400). Sending what
 * is already there changes nothing: no version, no event.
 */
export async function editEvidenceNote(db: Db, actor: Actor | null, noteId: string, input: unknown): Promise<EvidenceNoteDto> {
  const note = await findVisibleNote(db, actor, noteId);
  assertCan(actor, "evidence.notes.write");
  if (!mayEditNote(actor, note)) throw new AppError("FORBIDDEN", tr("errors.evidenceNotes.editOwnOnly"));
  const data = parseInput(ZEditEvidenceNote, input);
  if (note.deletedAt) throw new AppError("INVALID_STATE", tr("errors.evidenceNotes.deleted"), { guard: "deleted" });
  assertCurrentVersion(data.version, note.version, "note");
  const before = { body: note.body, startMs: note.startMs, endMs: note.endMs };
  const after = { body: data.body ?? note.body, startMs: data.startMs ?? note.startMs, endMs: data.endMs === undefined ? note.endMs : data.endMs };
  if (after.endMs !== null && after.endMs < after.startMs) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { endMs: [tr("validation.evidenceNotes.endBeforeStart")] } });
  }
  assertWithinItem(after, note.metadata);
  const changes = diffFields(before, after);
  if (Object.keys(changes).length === 0) return readNote(db, actor, note.id);
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, evidenceNotes, { id: note.id, version: data.version }, { ...after, editedAt: new Date() }, "note", isNull(evidenceNotes.deletedAt));
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.note_edited",
      entity: { type: "evidence", id: note.evidenceId },
      data: { noteId: note.id, claimId: note.claimId, version: updated.version, changes },
    });
  });
  return readNote(db, actor, note.id);
}
