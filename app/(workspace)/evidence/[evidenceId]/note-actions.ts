"use server";

import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/errors/action-state";
import { addEvidenceNote, deleteEvidenceNote, editEvidenceNote } from "@/lib/evidence/notes";
import { formAction } from "@/lib/server/doors";

/**
 * A field's seconds as milliseconds ("41.2" → 41200). Empty is "not sent"; anything else that is
 * not a number goes on as NaN, which the schema refuses as the field's error (never a 500).
 */
function msOf(seconds: string | undefined): number | undefined {
  if (seconds === undefined || seconds.trim() === "") return undefined;
  return Math.round(Number(seconds) * 1000);
}

/** A time-coded note on the item: a moment (`start`) or a span (`start`…`end`), in seconds as the form shows them. */
export async function addNoteAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const end = msOf(values.end);
    await addEvidenceNote(db, actor, evidenceId, { startMs: msOf(values.start) ?? Number.NaN, ...(end === undefined ? {} : { endMs: end }), body: values.body ?? "" });
    return { message: (await getTranslations("evidence.notes"))("added"), refresh: [`/evidence/${evidenceId}`] };
  });
}

/** The note's text and moment, at the version shown (a 409 if it changed meanwhile); an emptied end makes a span a moment again. */
export async function editNoteAction(noteId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const note = await editEvidenceNote(db, actor, noteId, {
      body: values.body ?? "",
      startMs: msOf(values.start) ?? Number.NaN,
      endMs: msOf(values.end) ?? null,
      version: Number(values.version),
    });
    return { message: (await getTranslations("evidence.notes"))("saved"), refresh: [`/evidence/${note.evidenceId}`] };
  });
}

/** Deletes the note once the person confirmed; the page shown again is the note's own item's. */
export async function deleteNoteAction(noteId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const { evidenceId } = await deleteEvidenceNote(db, actor, noteId, { version: Number(values.version) });
    return { message: (await getTranslations("evidence.notes"))("deleted"), refresh: [`/evidence/${evidenceId}`] };
  });
}
