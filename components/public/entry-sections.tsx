import { formatDate } from "@/components/ui/format";
import { formatPeriod, formatRange, MEASURE_LABEL } from "@/components/figures/measure";
import { ROLE_PLURAL } from "@/components/persons/labels";
import { PERSON_ROLES } from "@/lib/vocabulary";
import type { PublicEvidenceSummary, PublicFigure, PublicOrigins, PublicPerson } from "@/lib/publishing/snapshot";

const STANCE_LABEL = { supports: "supports", contradicts: "contradicts", mixed: "both supports and contradicts", context: "gives context", unassessed: "not assessed" } as const;

/** How many items of what kind, each with its SHA-256, and the independent origins behind them. */
export function EntryEvidence({ evidence, origins }: { evidence?: PublicEvidenceSummary; origins?: PublicOrigins }) {
  if (!evidence) return null;
  return (
    <section aria-labelledby="evidence-heading" className="space-y-3" data-testid="entry-evidence">
      <h2 id="evidence-heading">The evidence behind it</h2>
      <p>
        {evidence.items} preserved item{evidence.items === 1 ? "" : "s"}
        {evidence.byKind.length ? ` (${evidence.byKind.map((k) => `${k.count} ${k.kind}${k.count === 1 ? "" : "s"}`).join(", ")})` : ""}
        {origins ? (
          <>
            {" "}from <strong>{origins.count} independent origin{origins.count === 1 ? "" : "s"}</strong>: {origins.supporting} supporting, {origins.contradicting} contradicting.
          </>
        ) : "."}
      </p>
      {origins?.origins.length ? (
        <ul className="space-y-2 text-sm" data-testid="entry-origins">
          {origins.origins.map((o, i) => (
            <li key={i} className="rounded-md border border-stone-200 bg-white px-4 py-2">
              <span className="font-medium">Origin {i + 1}</span> {STANCE_LABEL[o.stance]}
              {o.firstHand ? " · first-hand" : ""} · {o.items} item{o.items === 1 ? "" : "s"}
              {o.sources.length ? <> · <span dir="auto">{o.sources.map((s) => `${s.name} (reliability ${s.reliability})`).join("; ")}</span></> : null}
              {o.withheldSources ? ` · ${o.withheldSources} source${o.withheldSources === 1 ? "" : "s"} withheld for their protection` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {evidence.hashes.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer">SHA-256 of each preserved item</summary>
          <ul className="mt-2 space-y-1 font-mono text-xs" data-testid="entry-hashes">
            {evidence.hashes.map((h) => (
              <li key={h.sha256} className="break-all">
                {h.sha256} <span className="font-sans text-stone-600">({h.kind})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The persons an editor published with the entry, by role. */
export function EntryPersons({ persons }: { persons?: PublicPerson[] }) {
  if (!persons?.length) return null;
  return (
    <section aria-labelledby="persons-heading" className="space-y-3" data-testid="entry-persons">
      <h2 id="persons-heading">Named persons</h2>
      {PERSON_ROLES.filter((role) => persons.some((p) => p.role === role)).map((role) => (
        <div key={role}>
          <h3 className="text-base">{ROLE_PLURAL[role]}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {persons.filter((p) => p.role === role).map((p, i) => (
              <li key={i}>
                <bdi className="font-medium">{p.names[0]}</bdi>
                {p.names.length > 1 ? <span className="text-stone-600"> · also <bdi>{p.names.slice(1).join(", ")}</bdi></span> : null}
                <span className="text-stone-600">
                  {[p.age !== null ? `age ${p.age}` : null, p.incidentDate ? formatDate(p.incidentDate) : null, p.placeName].filter(Boolean).map((x) => ` · ${x}`)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Reported figures with their ranges and sources; the range across sources per measure and scope. */
export function EntryFigures({ figures }: { figures?: PublicFigure[] }) {
  if (!figures?.length) return null;
  const scopes = [...new Map(figures.map((f) => [`${f.measure}|${f.scope.place}|${f.scope.periodFrom}|${f.scope.periodTo}`, f])).entries()];
  return (
    <section aria-labelledby="figures-heading" className="space-y-3" data-testid="entry-figures">
      <h2 id="figures-heading">Reported figures</h2>
      {scopes.map(([key, first]) => {
        const series = figures.filter((f) => `${f.measure}|${f.scope.place}|${f.scope.periodFrom}|${f.scope.periodTo}` === key);
        const latestBySource = new Map(series.map((f) => [f.source?.name ?? "withheld", f]));
        const lows = [...latestBySource.values()].map((f) => f.valueMin);
        const highs = [...latestBySource.values()].map((f) => f.valueMax);
        return (
          <div key={key} className="space-y-2">
            <p className="text-sm">
              <strong>{MEASURE_LABEL[first.measure]}</strong>, <span dir="auto">{first.scope.place}</span>
              {formatPeriod(first.scope.periodFrom, first.scope.periodTo) ? `, ${formatPeriod(first.scope.periodFrom, first.scope.periodTo)}` : ""}:{" "}
              {formatRange(Math.min(...lows), Math.max(...highs))} across {latestBySource.size} source{latestBySource.size === 1 ? "" : "s"} (each source&apos;s latest report).
            </p>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Reports of {MEASURE_LABEL[first.measure].toLowerCase()} in {first.scope.place}</caption>
              <thead className="text-stone-600">
                <tr><th scope="col" className="py-1 font-medium">As of</th><th scope="col" className="py-1 font-medium">Reported</th><th scope="col" className="py-1 font-medium">Source</th></tr>
              </thead>
              <tbody>
                {series.map((f, i) => (
                  <tr key={i} className="border-t border-stone-200">
                    <td className="py-1">{formatDate(f.asOf)}</td>
                    <td className="py-1 tabular-nums">{formatRange(f.valueMin, f.valueMax)}</td>
                    <td className="py-1" dir="auto">{f.source?.name ?? "Withheld for the source's protection"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
