import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** At most this many words of a query are searched for; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;

// Apostrophes join a word (Sa'id), as the stored text's folding drops them too.
const APOSTROPHES = /['\u2019]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Marks the database's folding deletes: a "word" of only these would leave nothing to search for.
const DROPPED_BY_FOLDING = /[\p{M}\u0640\u02BC\u02BE\u02BF]/gu;

/** The words of a search box's text, in order, as the full-text query will take them. */
export function searchWords(text: string): string[] {
  const words = text.replace(APOSTROPHES, "").match(WORD) ?? [];
  return words.filter((w) => w.replace(DROPPED_BY_FOLDING, "").length > 0).slice(0, MAX_SEARCH_WORDS);
}

/**
 * Rows whose search vector (see `db/schema/search.ts`) holds every word of `text`, each as a
 * prefix ("Bani" finds Baniyas and Banias, "مدني" finds مدنياً), folded like the stored text.
 * The words are letters, digits and marks only, so nothing typed can become a tsquery operator.
 * A text with no words matches nothing.
 */
export function matchesWords(vector: AnyColumn | SQL, text: string): SQL {
  const words = searchWords(text);
  if (words.length === 0) return sql`false`;
  const query = words.map((w) => `${w}:*`).join(" & ");
  return sql`${vector} @@ to_tsquery('simple'::regconfig, search_fold(${query}))`;
}
