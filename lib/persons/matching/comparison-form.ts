/**
 * Whole-text comparison forms, for display and debugging: what the matcher compares. A word the
 * lexicon knows becomes its key (Mohamed, Muhammad, محمد → muhammad), any other its rule form
 * (Latin folded by `foldLatinToken`, Arabic romanised by `romaniseArabicToken`). Latin and Arabic
 * share one comparison form, so both functions read either script; the two names say which side
 * a caller has in hand.
 */
import { tokenise } from "./prepare";

function comparisonForm(text: string): string {
  return tokenise(text).map((t) => t.key).join(" ");
}

/** Latin text (a transliteration) to the comparison form, word by word. */
export function foldLatin(text: string): string {
  return comparisonForm(text);
}

/** Arabic text to the same comparison form as `foldLatin`. */
export function romaniseArabic(text: string): string {
  return comparisonForm(text);
}
