import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";

// NUL cannot be stored in PostgreSQL text; other control characters have no place in these fields.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * At most `max` UTF-16 units of `text`, never ending on half a character: a lone surrogate (half
 * an emoji) cannot be stored as UTF-8 nor held by PostgreSQL's JSON.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max);
}

/** Something a reader can see: not only spaces and invisible format characters (zero-width, bidi marks). */
const VISIBLE = /[^\s\p{Cf}]/u;

/** A trimmed, bounded, printable string; when required, with at least one visible character. */
export function zText(max: number, { min = 1 }: { min?: number } = {}) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? messageRef("validation.required") : messageRef("validation.tooShortText", { minimum: min }))
    // A reason of U+200B and U+202E alone passes a length check and says nothing.
    .refine((s) => s.length === 0 || min === 0 || VISIBLE.test(s), messageRef("validation.required"))
    .max(max, messageRef("validation.tooLongText", { maximum: max }))
    .refine((s) => !CONTROL_CHARACTERS.test(s), messageRef("validation.controlCharacters"))
    // A lone UTF-16 surrogate cannot be stored as UTF-8: refuse it here rather than fail in the database.
    .refine((s) => s.isWellFormed(), messageRef("validation.invalidCharacter"));
}

/** An optional text field: empty strings become undefined (HTML forms send them). */
export function zOptionalText(max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && !VISIBLE.test(v) ? undefined : v),
    zText(max).optional(),
  );
}
