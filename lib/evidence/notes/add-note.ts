import "server-only";
import type { Db } from "@/db/connect";
import { evidenceNotes } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { findVisibleEvidence } from "../scope";
import { type EvidenceNoteDto, readNote } from "./dto";
import { ZAddEvidenceNote } from "./schemas";
import { assertWithinItem, isTimed } from "./scope";

/**
 * Mark a moment or a span of a video or audio item with a note. The rule for new notes is the
 * rule for new material: the item still counts (not withdrawn) and its claim takes material (open,
 * or published — for a correction); a rejected, duplicate or retracted claim takes no new notes.
 * Its notes may still be rewritten or deleted. Checks: the item visible (404), `evidence.notes.write`
 * (403), valid (400), video or audio (422, guard `media`), not withdrawn (422, guard
 * `evidence_status`), the claim's state (422, guard `state`), within the item's known length
 * (400); then the row and `evidence.note_added` commit together.
 */
export async function addEvidenceNote(db: Db, actor: Actor | null, evidenceId: string, input: unknown): Promise<EvidenceNoteDto> {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.notes.write");
  const data = parseInput(ZAddEvidenceNote, input);
  if (!isTimed(item.mediaType)) throw new AppError("INVALID_STATE", tr("errors.evidenceNotes.notTimed"), { guard: "media" });
  if (item.withdrawnAt) throw new AppError("INVALID_STATE", tr("errors.evidenceNotes.withdrawn"), { guard: "evidence_status" });
  assertClaimOpen(item.claimState, "noteAdded");
  const endMs = data.endMs ?? null;
  assertWithinItem({ startMs: data.startMs, endMs }, item.metadata);
  const noteId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evidenceNotes)
      .values({ evidenceId: item.id, claimId: item.claimId, authorId: actor.id, startMs: data.startMs, endMs, body: data.body })
      .returning({ id: evidenceNotes.id });
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.note_added",
      entity: { type: "evidence", id: item.id },
      data: { noteId: row.id, claimId: item.claimId, startMs: data.startMs, endMs, body: data.body },
    });
    return row.id;
  });
  return readNote(db, actor, noteId);
}
