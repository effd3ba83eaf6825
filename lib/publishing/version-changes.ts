import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { EVIDENCE_KIND_KEY, type PublicEvidenceFingerprint, type PublicFigure, type PublicPerson, type PublicSnapshot } from "./snapshot";

/**
 * What one public version changed against the one before it, field by field, in the public's
 * words: a value replaced (before → after) or items of a list added and removed. Built only from
 * the two snapshots, so it shows nothing the versions themselves do not.
 */
export type VersionChange =
  | { field: "kind" | "title" | "summary" | "language" | "incidentDate" | "place" | "grade" | "origins"; before: string | null; after: string | null }
  | { field: "persons" | "figures" | "evidence" | "appearances" | "translations"; added: string[]; removed: string[] };

type ValueField = Extract<VersionChange, { before: unknown }>["field"];
type ListField = Extract<VersionChange, { added: unknown }>["field"];

export const VERSION_CHANGE_LABEL: Record<VersionChange["field"], string> = {
  kind: "Kind",
  title: "Title",
  summary: "Summary",
  language: "Language",
  incidentDate: "Incident date",
  place: "Place",
  grade: "Grade",
  origins: "Independent origins",
  persons: "Persons named",
  figures: "Reported figures",
  evidence: "Evidence items",
  appearances: "Where it appeared",
  translations: "Translations",
};

/**
 * How a change's values are written: in English as the API has always given them (codes as they
 * are), or in a page's language (the vocabulary's words, its numbers and separators). A page also
 * isolates each user-written part (U+2068…U+2069): a right-to-left override typed into a title then
 * stops at its end instead of turning the rest of the line around.
 */
export type ChangeTexts = {
  date: (date: PublicSnapshot["incidentDate"]) => string | null;
  place: (place: PublicSnapshot["place"]) => string | null;
  origins: (snapshot: PublicSnapshot) => string | null;
  person: (person: PublicPerson) => string;
  figure: (figure: PublicFigure) => string;
  evidence: (fingerprint: PublicEvidenceFingerprint) => string;
  /** An item no longer listed: its kind only. Its fingerprint stays in the version that listed it, never repeated (a hash replaced by a commitment must not come back in the change). */
  evidenceRemoved: (fingerprint: PublicEvidenceFingerprint) => string;
  translation: (locale: string, translation: { title: string; summary: string }) => string;
};

/** The texts in `locale`, from its catalogue; English keeps the codes (the API's words). */
export function changeTexts(locale: Locale = "en", { isolate = false }: { isolate?: boolean } = {}): ChangeTexts {
  const t = translatorFor(locale) as unknown as (key: string, values?: Record<string, unknown>) => string;
  const has = (key: string) => (translatorFor(locale) as unknown as { has: (key: string) => boolean }).has(key);
  const word = (key: string, code: string) => (locale === "en" || !has(key) ? code : t(key));
  const own = (text: string) => (isolate ? `\u2068${text}\u2069` : text);
  const say = (key: string, values: Record<string, string | number>) => t(`versionChanges.${key}`, values);
  return {
    date: (date) => (!date.from ? null : date.to && date.to !== date.from ? say("dateRange", { from: date.from, to: date.to }) : date.from),
    place: (place) => {
      const at =
        place.latitude !== null && place.longitude !== null
          ? say("coordinates", { latitude: String(place.latitude), longitude: String(place.longitude), precision: place.precision ? say("precision", { precision: word(`claims.precisionWord.${place.precision}`, place.precision) }) : "" })
          : null;
      return [place.name === null ? null : own(place.name), at].filter(Boolean).join(" · ") || null;
    },
    origins: (snapshot) => {
      const o = snapshot.origins;
      return o ? say("origins", { count: String(o.count), supporting: String(o.supporting), contradicting: String(o.contradicting) }) : null;
    },
    person: (p) =>
      say("person", {
        role: word(`vocab.personRole.${p.role}`, p.role),
        names: p.names.map(own).join(" / "),
        details: [
          p.sex ? word(`persons.fields.${p.sex}`, p.sex) : null,
          p.age !== null ? say("age", { age: String(p.age) }) : null,
          p.incidentDate,
          p.placeName === null ? null : own(p.placeName),
        ]
          .filter(Boolean)
          .map((x) => say("detail", { detail: String(x) }))
          .join(""),
      }),
    figure: (f) =>
      say("figure", {
        measure: word(`vocab.measure.${f.measure}`, f.measure),
        value: f.atLeast ? `≥ ${f.valueMin}` : f.valueMin === f.valueMax ? String(f.valueMin) : say("valueRange", { min: String(f.valueMin), max: String(f.valueMax) }),
        place: own(f.scope.place),
        period: f.scope.periodFrom ? say("period", { from: f.scope.periodFrom, to: f.scope.periodTo ?? "none" }) : "",
        asOf: f.asOf,
        source: f.source ? say("detail", { detail: own(f.source.name) }) : "",
      }),
    evidence: (h) => {
      const kind = word(`entry.evidence.kind.${EVIDENCE_KIND_KEY[h.kind as keyof typeof EVIDENCE_KIND_KEY] ?? "other"}`, h.kind);
      return "sha256" in h ? say("evidence", { kind, sha256: h.sha256 }) : say("evidenceCommitment", { kind, commitment: h.commitment });
    },
    evidenceRemoved: (h) => say("evidenceRemoved", { kind: word(`entry.evidence.kind.${EVIDENCE_KIND_KEY[h.kind as keyof typeof EVIDENCE_KIND_KEY] ?? "other"}`, h.kind) }),
    translation: (language, tr) => say("translation", { language, title: own(tr.title), summary: own(tr.summary) }),
  };
}

const ENGLISH = changeTexts("en");

/** The entries of `a` not in `b`, counting repeats (two identical figures are two). */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const at = left.indexOf(x);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

/** How an evidence entry of `before` (by its full text) is said once removed: its kind only. */
function evidenceRemovedText(before: PublicSnapshot | null, texts: ChangeTexts) {
  const byText = new Map((before?.evidence?.hashes ?? []).map((h) => [texts.evidence(h), h]));
  return (removed: string) => texts.evidenceRemoved(byText.get(removed)!);
}

/** The changes from `before` (null: nothing was public) to `after`, in the order a reader meets the fields. */
export function changesBetween(before: PublicSnapshot | null, after: PublicSnapshot, texts: ChangeTexts = ENGLISH): VersionChange[] {
  const changes: VersionChange[] = [];
  const values: [ValueField, (s: PublicSnapshot) => string | null][] = [
    ["title", (s) => s.title],
    ["summary", (s) => s.summary],
    ["kind", (s) => s.kind],
    ["language", (s) => s.language],
    ["incidentDate", (s) => texts.date(s.incidentDate)],
    ["place", (s) => texts.place(s.place)],
    ["grade", (s) => s.grade],
    ["origins", texts.origins],
  ];
  for (const [field, read] of values) {
    const [was, is] = [before ? read(before) : null, read(after)];
    if (was !== is) changes.push({ field, before: was, after: is });
  }
  const lists: [ListField, (s: PublicSnapshot) => string[], ((removed: string) => string)?][] = [
    ["persons", (s) => (s.persons ?? []).map(texts.person)],
    ["figures", (s) => (s.figures ?? []).map(texts.figure)],
    ["evidence", (s) => (s.evidence?.hashes ?? []).map(texts.evidence), evidenceRemovedText(before, texts)],
    ["appearances", (s) => s.appearances ?? []],
    // Each translation as its language and its words; whether it is outdated follows from the
    // original's title and summary, listed above when they change.
    ["translations", (s) => Object.entries(s.translations ?? {}).map(([locale, t]) => texts.translation(locale, t))],
  ];
  for (const [field, read, removedText] of lists) {
    const [was, is] = [before ? read(before) : [], read(after)];
    const added = minus(is, was);
    const removed = removedText ? minus(was, is).map(removedText) : minus(was, is);
    if (added.length || removed.length) changes.push({ field, added, removed });
  }
  return changes;
}
