import { GRADE_LABEL, KIND_LABEL } from "@/components/ui/badges";
import { formatIncidentDate, languageName } from "@/components/ui/format";
import type { PublicEntryDto } from "@/lib/publishing/public-entries";

type Withheld = { privatePersons: number; protectedSources: number; figuresWithoutSource: number };

/** The public fields one by one, then what stays private, so an editor can check each before publishing. */
export function SnapshotFields({ entry, withheld }: { entry: PublicEntryDto; withheld: Withheld }) {
  const rows: [string, string][] = [
    ["Kind", KIND_LABEL[entry.kind]],
    ["Title", entry.title],
    ["Summary", entry.summary],
    ["Language", languageName(entry.language)],
    ["Incident date", formatIncidentDate(entry.incidentDate) ?? "—"],
    ["Place", [entry.place.name, entry.place.latitude !== null ? `${entry.place.latitude}, ${entry.place.longitude} (${entry.place.precision ?? "precision not given"})` : null].filter(Boolean).join(" · ") || "—"],
    ["Grade", entry.grade ? GRADE_LABEL[entry.grade] : "—"],
    ["Evidence", `${entry.evidence?.items ?? 0} items with their SHA-256 (${entry.evidence?.byKind.map((k) => `${k.count} ${k.kind}`).join(", ") || "none"}); no file names or metadata`],
    ["Origins", `${entry.origins?.count ?? 0} independent; named sources: ${[...new Set(entry.origins?.origins.flatMap((o) => o.sources.map((s) => s.name)) ?? [])].join(", ") || "none"}`],
    ["Persons", entry.persons?.map((p) => `${p.names.join(" / ")} (${p.role})`).join("; ") || "none"],
    ["Figures", entry.figures?.map((f) => `${f.valueMin === f.valueMax ? f.valueMin : `${f.valueMin}–${f.valueMax}`} ${f.measure} as of ${f.asOf} (${f.source?.name ?? "source withheld"})`).join("; ") || "none"],
    ["Where it appeared", entry.appearances?.join(", ") || "none"],
  ];
  return (
    <section aria-labelledby="fields-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-5" data-testid="snapshot-fields">
      <h2 id="fields-heading" className="text-lg">Field by field</h2>
      <dl className="divide-y divide-stone-100 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-stone-700">{label}</dt>
            <dd className="whitespace-pre-line break-words" dir="auto">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="rounded-md bg-stone-50 p-3 text-sm text-stone-700" data-testid="stays-private">
        <p className="font-medium">Stays private</p>
        <p>
          Who submitted, reviewed and graded it, the grade rationale, assessments and their notes, where it was first seen, file names
          and embedded metadata; {withheld.privatePersons} private person{withheld.privatePersons === 1 ? "" : "s"} (every name not marked publishable);{" "}
          {withheld.protectedSources} protected source{withheld.protectedSources === 1 ? "" : "s"} in the origins; {withheld.figuresWithoutSource} figure source{withheld.figuresWithoutSource === 1 ? "" : "s"} withheld.
        </p>
      </div>
    </section>
  );
}
