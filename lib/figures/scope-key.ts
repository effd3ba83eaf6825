/**
 * The place of a figure's scope, reduced to what identifies it, so that "Baniyas ", "baniyas" and
 * "Bāniyās" (or "اللاذقية" with and without vowel marks) fall into one series. Deliberately no
 * transliteration: Arabic and Latin spellings of one place stay two keys, because guessing that
 * they are the same would silently merge series a researcher has to tell apart.
 */
export function normalisePlace(place: string): string {
  return (
    place
      // Compatibility forms first (ligatures, full-width letters, Arabic presentation forms).
      .normalize("NFKC")
      .toLowerCase()
      // Decompose, then drop combining marks: Latin diacritics and Arabic harakat, hamza and madda
      // on alef (أ إ آ → ا), which writers add or leave out for the same name.
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      // Tatweel only stretches a word; Arabic-Indic digits are the same digits.
      .replace(/\u0640/g, "")
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      // Punctuation and symbols separate words; "Latakia, Tartus" is "Latakia Tartus". This also
      // keeps "|" out of the place, so the key can be split again.
      .replace(/[\p{P}\p{S}\s]+/gu, " ")
      .trim()
      .normalize("NFC")
  );
}

export type ScopeInput = { scopePlace: string; scopePeriodFrom?: string | null; scopePeriodTo?: string | null };

/** `place|from|to`, with an empty part for an open end of the period. */
export function scopeKeyOf({ scopePlace, scopePeriodFrom, scopePeriodTo }: ScopeInput): string {
  return `${normalisePlace(scopePlace)}|${scopePeriodFrom ?? ""}|${scopePeriodTo ?? ""}`;
}

/**
 * A scope as a client names it — a key, or just a place — made into a key. Normalising again
 * means `?scope=Baniyas` and `?scope=baniyas||` find the same series.
 */
export function scopeKeyFromQuery(scope: string): string {
  const [place = "", from = "", to = ""] = scope.split("|");
  return scopeKeyOf({ scopePlace: place, scopePeriodFrom: from.trim() || null, scopePeriodTo: to.trim() || null });
}
