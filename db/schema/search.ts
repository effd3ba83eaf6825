import { customType } from "drizzle-orm/pg-core";

/**
 * PostgreSQL's full-text vector. Kept in generated columns (see migration 0006): the database
 * computes it, the app never writes it. Core PostgreSQL, so PGlite has it too.
 */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/**
 * The words of `text` (a SQL expression over the row's columns), folded the same way as queries
 * are: lower case, Arabic hamza seats / ta marbuta / alef maqsura / diacritics, Latin diacritics
 * (`search_fold`, migration 0006). The `simple` configuration: no stemming and no stop words,
 * so Arabic and English (and transliterations) are treated alike.
 */
export function searchVectorOf(text: string) {
  return `to_tsvector('simple'::regconfig, search_fold(${text}))`;
}
