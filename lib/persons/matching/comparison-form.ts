/**
 * Whole-text comparison forms, for display and debugging: what the matcher compares. A word the
 * lexicon knows becomes its key (Mohamed, Muhammad, محمد → muhammad), any other its rule form.
 */
import { tokenise } from "./prepare";

/** Latin text to comparison form, token by token. */
export function foldLatin(text: string): string {
  return tokenise(text).map((t) => t.key).join(" ");
}

/** Arabic text to the same comparison form as `foldLatin`. */
export function romaniseArabic(text: string): string {
  return tokenise(text).map((t) => t.key).join(" ");
}
