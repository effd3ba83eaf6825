import "server-only";
import type { Db } from "@/db/connect";
import { streamOf } from "./export-stream";
import { LOCALES } from "@/lib/i18n/locales";
import { listPublicEntries, type PublicEntryDto } from "./public-entries";
import { ownLanguage } from "./translations";

export const ENTRY_CSV_COLUMNS = [
  "slug",
  "url",
  "title",
  "kind",
  "grade",
  "place",
  "latitude",
  "longitude",
  "incident_from",
  "incident_to",
  "version",
  "change",
  "retracted",
  "published_at",
  "evidence_items",
  "independent_origins",
  // Both languages (issue 18): each interface language's title and summary, the original's in its
  // own language's columns and a translation's in the others (empty when there is none).
  ...LOCALES.flatMap((locale) => [`title_${locale}`, `summary_${locale}`] as const),
] as const;

type Cell = string | number | boolean | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"):
// a title like `=HYPERLINK(...)` must stay text, so it gets a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field. Numbers and booleans are written as they are (a negative longitude is a
 * number, not a formula); text is guarded against formulas, then quoted when it holds a comma, a
 * quote or a line break.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function entryCsvRow(entry: PublicEntryDto, origin: string): Cell[] {
  return [
    entry.slug,
    `${origin}${entry.url}`,
    entry.title,
    entry.kind,
    entry.grade,
    entry.place.name,
    entry.place.latitude,
    entry.place.longitude,
    entry.incidentDate.from,
    entry.incidentDate.to,
    entry.version,
    entry.change,
    entry.isRetracted,
    entry.publishedAt,
    // Versions published before snapshots carried evidence and origins have neither: left blank,
    // since 0 would claim there was no evidence.
    entry.evidence?.items,
    entry.origins?.count,
    ...LOCALES.flatMap((locale) => {
      const wording = ownLanguage(entry.language) === locale ? entry : entry.translations[locale];
      return [wording?.title, wording?.summary];
    }),
  ];
}

/** Without it, Excel reads UTF-8 as the local code page and Arabic titles come out garbled. */
export const UTF8_BOM = "\uFEFF";

const PAGE = 100;

/**
 * The latest version of each published entry as CSV, streamed a page at a time through the
 * public keyset list, so memory stays flat however many entries there are. The first page is
 * read before the response starts: a bad filter is still a 400, not a broken download.
 * `filters` are the public list's own (kind, grade, …); cursor and limit are ours (`pageSize`
 * only so a test can cross pages without publishing a hundred entries).
 */
export async function streamPublicEntriesCsv(db: Db, origin: string, filters: Record<string, string | undefined>, pageSize = PAGE) {
  const query = { ...filters, cursor: undefined as string | undefined, limit: pageSize };
  let page = await listPublicEntries(db, query);
  async function* lines() {
    yield UTF8_BOM + csvLine(ENTRY_CSV_COLUMNS);
    for (;;) {
      yield page.items.map((entry) => csvLine(entryCsvRow(entry, origin))).join("");
      if (!page.nextCursor) return;
      page = await listPublicEntries(db, { ...query, cursor: page.nextCursor });
    }
  }
  return streamOf(lines());
}
