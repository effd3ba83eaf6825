import type { PublicFigure, PublicPerson, PublicSnapshot } from "./snapshot";

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

function dateText(date: PublicSnapshot["incidentDate"]): string | null {
  if (!date.from) return null;
  return date.to && date.to !== date.from ? `${date.from} – ${date.to}` : date.from;
}

function placeText(place: PublicSnapshot["place"]): string | null {
  const at = place.latitude !== null && place.longitude !== null ? `${place.latitude}, ${place.longitude}${place.precision ? ` (${place.precision})` : ""}` : null;
  return [place.name, at].filter(Boolean).join(" · ") || null;
}

function originsText(snapshot: PublicSnapshot): string | null {
  const o = snapshot.origins;
  return o ? `${o.count} (${o.supporting} supporting, ${o.contradicting} contradicting)` : null;
}

const personText = (p: PublicPerson) =>
  `${p.role}: ${p.names.join(" / ")}${[p.sex, p.age !== null ? `age ${p.age}` : null, p.incidentDate, p.placeName].filter(Boolean).map((x) => `, ${x}`).join("")}`;

const figureText = (f: PublicFigure) =>
  `${f.measure} ${f.valueMin === f.valueMax ? f.valueMin : `${f.valueMin}–${f.valueMax}`} in ${f.scope.place}${f.scope.periodFrom ? ` (${f.scope.periodFrom}${f.scope.periodTo ? ` – ${f.scope.periodTo}` : ""})` : ""}, as of ${f.asOf}${f.source ? `, ${f.source.name}` : ""}`;

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

/** The changes from `before` (null: nothing was public) to `after`, in the order a reader meets the fields. */
export function changesBetween(before: PublicSnapshot | null, after: PublicSnapshot): VersionChange[] {
  const changes: VersionChange[] = [];
  const values: [ValueField, (s: PublicSnapshot) => string | null][] = [
    ["title", (s) => s.title],
    ["summary", (s) => s.summary],
    ["kind", (s) => s.kind],
    ["language", (s) => s.language],
    ["incidentDate", (s) => dateText(s.incidentDate)],
    ["place", (s) => placeText(s.place)],
    ["grade", (s) => s.grade],
    ["origins", originsText],
  ];
  for (const [field, read] of values) {
    const [was, is] = [before ? read(before) : null, read(after)];
    if (was !== is) changes.push({ field, before: was, after: is });
  }
  const lists: [ListField, (s: PublicSnapshot) => string[]][] = [
    ["persons", (s) => (s.persons ?? []).map(personText)],
    ["figures", (s) => (s.figures ?? []).map(figureText)],
    ["evidence", (s) => (s.evidence?.hashes ?? []).map((h) => `${h.kind} · SHA-256 ${h.sha256}`)],
    ["appearances", (s) => s.appearances ?? []],
    // Each translation as its language and its words; whether it is outdated follows from the
    // original's title and summary, listed above when they change.
    ["translations", (s) => Object.entries(s.translations ?? {}).map(([locale, t]) => `${locale}: ${t.title} — ${t.summary}`)],
  ];
  for (const [field, read] of lists) {
    const [was, is] = [before ? read(before) : [], read(after)];
    const added = minus(is, was);
    const removed = minus(was, is);
    if (added.length || removed.length) changes.push({ field, added, removed });
  }
  return changes;
}
