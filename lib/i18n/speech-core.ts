import type { createFormatter, createTranslator } from "next-intl";
import type { Messages } from "@/lib/i18n/catalogues";
import {
  CLAIM_LANGUAGES,
  type ClaimKind,
  type ClaimState,
  type FigureMeasure,
  type Grade,
  type NamePublicationBasis,
  type PersonRole,
  type Reliability,
} from "@/lib/vocabulary";

type VocabT = ReturnType<typeof createTranslator<Messages, "vocab">>;
type FormatT = ReturnType<typeof createTranslator<Messages, "format">>;
type Formatter = ReturnType<typeof createFormatter>;

/** A stored value the list does not name (an old row, a value the API took) is shown as itself. */
function labelOr(t: VocabT, key: string, value: string): string {
  return t.has(key as never) ? t(key as never) : value;
}

/** The domain's word lists in one language (catalogue namespace `vocab`). */
export function vocabularyOf(t: VocabT) {
  return {
    state: (state: ClaimState | string) => labelOr(t, `state.${state}`, state),
    grade: (grade: Grade | string) => labelOr(t, `grade.${grade}`, grade),
    gradeMeaning: (grade: Grade | string) => labelOr(t, `gradeMeaning.${grade}`, ""),
    notGraded: () => t("notGraded"),
    kind: (kind: ClaimKind | string) => labelOr(t, `kind.${kind}`, kind),
    measure: (measure: FigureMeasure | string) => labelOr(t, `measure.${measure}`, measure),
    personRole: (role: PersonRole | string) => labelOr(t, `personRole.${role}`, role),
    personRolePlural: (role: PersonRole | string) => labelOr(t, `personRolePlural.${role}`, role),
    nameBasis: (basis: NamePublicationBasis | string) => labelOr(t, `nameBasis.${basis}`, basis),
    reliability: (reliability: Reliability | string) => labelOr(t, `reliability.${reliability}`, reliability),
    /** "Arabic (ar)"; a code the list does not name (the API takes any) is shown as itself. */
    language: (code: string) => (t.has(`language.${code}` as never) ? t("languageWithCode", { name: t(`language.${code}` as never), code }) : code),
    /** "Arabic"; a code the list does not name is shown as itself. */
    languageName: (code: string) => labelOr(t, `language.${code}`, code),
    /** The languages a form offers, with a stored code the list lacks kept as a choice. */
    languageChoices: (stored: string): string[] =>
      stored && !(CLAIM_LANGUAGES as readonly string[]).includes(stored) ? [...CLAIM_LANGUAGES, stored] : [...CLAIM_LANGUAGES],
  };
}

export type Vocabulary = ReturnType<typeof vocabularyOf>;

const day = (isoDate: string) => new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);

/**
 * Dates and numbers in one language, through `Intl` (lib/i18n/formats.ts): "12 March 2025" /
 * "12 مارس 2025", always Gregorian, with the digits the person chose. Formatted on the server
 * where possible: the browser's ICU data can differ from Node's, and a difference makes React
 * throw the server's HTML away.
 */
export function formatsOf(format: Formatter, t: FormatT) {
  const date = (isoDate: string) => format.dateTime(day(isoDate), "date");
  const number = (n: number) => format.number(n);
  return {
    /** "12 March 2025", from an ISO date (or the date part of a timestamp). */
    date,
    /** "2 December 2026 at 14:05 UTC". */
    dateTime: (iso: string) => format.dateTime(new Date(iso), "dateTime"),
    /** "12 Mar", for a chart's axis where the year is said once. */
    dayMonth: (isoDate: string) => format.dateTime(day(isoDate), "dayMonth"),
    /** 1,383 — thousands separated, as people read and cite counts. */
    number,
    /** "1,383" or "1,000–1,300". */
    range: (min: number, max: number) => (min === max ? number(min) : t("range", { min: number(min), max: number(max) })),
    /** A source's report: "1,383", "1,000–1,300", or "at least 400" when it gave a floor. */
    reported: (f: { valueMin: number; valueMax: number; atLeast?: boolean }) =>
      f.atLeast ? t("atLeast", { value: number(f.valueMin) }) : f.valueMin === f.valueMax ? number(f.valueMin) : t("range", { min: number(f.valueMin), max: number(f.valueMax) }),
    /** "6–10 March 2025", "from 6 March 2025", or null for an open period. */
    period: (from: string | null, to: string | null): string | null => {
      if (from && to) return from === to ? date(from) : t("dateRange", { from: date(from), to: date(to) });
      if (from) return t("from", { date: date(from) });
      if (to) return t("until", { date: date(to) });
      return null;
    },
    /** An incident's date or range; null when it has none. */
    incidentDate: (range: { from: string | null; to: string | null }): string | null => {
      if (!range.from) return null;
      if (!range.to || range.to === range.from) return date(range.from);
      return t("dateRange", { from: date(range.from), to: date(range.to) });
    },
    /** A match score as people read it: "87%". */
    score: (score: number) => t("score", { score: number(Math.round(score * 100)) }),
  };
}

export type Formats = ReturnType<typeof formatsOf>;
