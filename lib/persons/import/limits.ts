/**
 * How big a list of persons may be. Apart from ./parse-list.ts, which writes its problems in the
 * reader's language (server-only), so that the schemas and the API table can read these anywhere.
 */
export const MAX_LIST_ROWS = 20_000;
export const MAX_LIST_BYTES = 5 * 1024 * 1024;
/** As many forms as a person added by hand may have (ZAddClaimPerson). */
export const MAX_FORMS_PER_ROW = 20;
/** Names in all, rows times forms: two scripts a row on average. Each is clustered with the others. */
export const MAX_LIST_NAMES = 2 * MAX_LIST_ROWS;
