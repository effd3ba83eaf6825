import { CLAIM_LANGUAGES, type ClaimLanguage } from "@/lib/vocabulary";

/**
 * How dates, numbers and language names read: one format per locale, said here once. Dates are
 * written out ("12 March 2025": never 03/12 or 12/03, which readers of different countries read
 * differently) and entered through date inputs, which send ISO dates whatever the browser shows.
 */
const LOCALE = "en-GB";

const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", timeZone: "UTC" });
const number = new Intl.NumberFormat(LOCALE);

/** "2 December 2026 at 14:05 UTC". */
export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** "12 March 2025", from an ISO date (or the date part of a timestamp). */
export function formatDate(isoDate: string): string {
  return dateOnly.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** "12 Mar", for a chart's axis where the year is said once. */
export function formatDayMonth(isoDate: string): string {
  return dayMonth.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** 1,383 — thousands separated, as people read and cite counts. */
export function formatNumber(n: number): string {
  return number.format(n);
}

/**
 * The offered languages by name. Written out, not asked of `Intl.DisplayNames`: the browser's
 * and the server's ICU data differ ("syr" is "Syriac" in Node, "syr" in Chromium), and a name that
 * differs between the server's HTML and the browser's render makes React discard the page's HTML
 * and render it again, losing whatever was chosen before the scripts arrived.
 */
const LANGUAGE_LABEL: Record<ClaimLanguage, string> = {
  ar: "Arabic",
  en: "English",
  ku: "Kurdish",
  ckb: "Central Kurdish (Sorani)",
  tr: "Turkish",
  fa: "Persian",
  syr: "Syriac",
  hy: "Armenian",
  he: "Hebrew",
  fr: "French",
  de: "German",
  es: "Spanish",
  ru: "Russian",
  uk: "Ukrainian",
  it: "Italian",
  nl: "Dutch",
  sv: "Swedish",
};

/** The languages a form offers, with a stored code the list lacks (the API takes any) kept as a choice. */
export function languageChoices(stored: string): string[] {
  return stored && !(CLAIM_LANGUAGES as readonly string[]).includes(stored) ? [...CLAIM_LANGUAGES, stored] : [...CLAIM_LANGUAGES];
}

/** "Arabic (ar)"; a code the list does not name (the API takes any) is shown as itself. */
export function languageName(code: string): string {
  const name = (LANGUAGE_LABEL as Record<string, string | undefined>)[code];
  return name ? `${name} (${code})` : code;
}

export function formatIncidentDate(range: { from: string | null; to: string | null }): string | null {
  if (!range.from) return null;
  if (!range.to || range.to === range.from) return formatDate(range.from);
  return `${formatDate(range.from)} – ${formatDate(range.to)}`;
}
