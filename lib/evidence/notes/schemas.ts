import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";
import { zNumeric } from "@/lib/validation/number";
import { zText } from "@/lib/validation/text";

/** The longest time-coded note, in characters: a remark on a moment, not a report. */
export const EVIDENCE_NOTE_MAX = 2000;
/**
 * The latest moment a note may mark, whatever the item says of its length (24 hours): the bound
 * for an item whose duration is not known (metadata not read yet, or no ffprobe).
 */
export const EVIDENCE_NOTE_TIME_MAX_MS = 24 * 60 * 60 * 1000;

// HTML forms send "" for an empty field; the API may send null. Both mean "not given" where a
// field is optional; for `endMs` on an edit, null means "a moment again" (see ZEditEvidenceNote).
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** A moment in the item, in whole milliseconds from its start. */
const ZMoment = zNumeric(
  z
    .number({ error: messageRef("validation.evidenceNotes.moment") })
    .int(messageRef("validation.wholeNumber"))
    .min(0, messageRef("validation.atLeast", { min: 0 }))
    .max(EVIDENCE_NOTE_TIME_MAX_MS, messageRef("validation.atMost", { max: EVIDENCE_NOTE_TIME_MAX_MS })),
);

const ZNoteVersion = zNumeric(z.number({ error: messageRef("validation.evidenceNotes.version") }).int().positive());

const endNotBeforeStart = { message: messageRef("validation.evidenceNotes.endBeforeStart"), path: ["endMs"] };

/** A note on a moment (`endMs` left out) or a span (`startMs`…`endMs`) of a video or audio item. */
export const ZAddEvidenceNote = z
  .object({
    startMs: ZMoment,
    endMs: z.preprocess(emptyToUndefined, ZMoment.optional()),
    body: zText(EVIDENCE_NOTE_MAX),
  })
  .strict()
  .refine((n) => n.endMs === undefined || n.endMs >= n.startMs, endNotBeforeStart);

/**
 * What changes of a note, on the version its author read: its text, its start, its end (`null`
 * makes a span a moment again; left out, it stays as it was).
 */
export const ZEditEvidenceNote = z
  .object({
    body: zText(EVIDENCE_NOTE_MAX).optional(),
    startMs: z.preprocess((v) => (v === "" ? undefined : v), ZMoment.optional()),
    endMs: z.preprocess((v) => (v === "" ? null : v), ZMoment.nullable().optional()),
    version: ZNoteVersion,
  })
  .strict();

/** A note is deleted on the version read. */
export const ZDeleteEvidenceNote = z.object({ version: ZNoteVersion }).strict();

export type TAddEvidenceNote = z.input<typeof ZAddEvidenceNote>;
export type TEditEvidenceNote = z.input<typeof ZEditEvidenceNote>;
export type TDeleteEvidenceNote = z.input<typeof ZDeleteEvidenceNote>;
