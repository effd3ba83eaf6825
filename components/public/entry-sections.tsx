import { Fragment } from "react";
import { Bidi } from "@/components/ui/bidi";
import type { Locale } from "@/lib/i18n/locales";
import { PERSON_ROLES } from "@/lib/vocabulary";
import type { PublicEvidenceSummary, PublicFigure, PublicOrigins, PublicPerson } from "@/lib/publishing/snapshot";
import { entrySpeech, EVIDENCE_KIND_KEY } from "./entry-speech";

/** How many items of what kind, each with its SHA-256, and the independent origins behind them. */
export async function EntryEvidence({ evidence, origins, locale }: { evidence?: PublicEvidenceSummary; origins?: PublicOrigins; locale?: Locale }) {
  if (!evidence) return null;
  const { t } = await entrySpeech(locale);
  const kinds = evidence.byKind.map((k) => t(`evidence.kindCount.${EVIDENCE_KIND_KEY[k.kind]}`, { count: k.count })).join(t("listSeparator"));
  const counts = { items: evidence.items, hasKinds: String(evidence.byKind.length > 0), kinds };
  return (
    <section aria-labelledby="evidence-heading" className="space-y-3" data-testid="entry-evidence">
      <h2 id="evidence-heading">{t("evidence.heading")}</h2>
      <p>
        {origins
          ? t.rich("evidence.summaryWithOrigins", {
              ...counts,
              origins: origins.count,
              supporting: origins.supporting,
              contradicting: origins.contradicting,
              strong: (chunks) => <strong>{chunks}</strong>,
            })
          : t("evidence.summary", counts)}
      </p>
      {origins?.origins.length ? (
        <ul className="space-y-2 text-sm" data-testid="entry-origins">
          {origins.origins.map((o, i) => (
            <li key={i} className="rounded-md border border-stone-200 bg-white px-4 py-2">
              {t.rich("evidence.origin", { n: i + 1, stance: o.stance, label: (chunks) => <span className="font-medium">{chunks}</span> })}
              {o.firstHand ? ` · ${t("evidence.firstHand")}` : ""} · {t("evidence.originItems", { count: o.items })}
              {o.sources.length ? (
                <>
                  {" "}
                  · <span dir="auto">{o.sources.map((s) => t("evidence.sourceReliability", { name: s.name, reliability: s.reliability })).join("; ")}</span>
                </>
              ) : null}
              {o.withheldSources ? ` · ${t("evidence.withheldSources", { count: o.withheldSources })}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {evidence.hashes.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer">{t("evidence.hashes")}</summary>
          <ul className="mt-2 space-y-1 font-mono text-xs" data-testid="entry-hashes">
            {evidence.hashes.map((h) => (
              <li key={h.sha256} className="break-all">
                <Bidi>{h.sha256}</Bidi> <span className="font-sans text-stone-600">({t(`evidence.kind.${EVIDENCE_KIND_KEY[h.kind]}`)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The persons an editor published with the entry, by role. */
export async function EntryPersons({ persons, locale }: { persons?: PublicPerson[]; locale?: Locale }) {
  if (!persons?.length) return null;
  const { t, words, formats } = await entrySpeech(locale);
  return (
    <section aria-labelledby="persons-heading" className="space-y-3" data-testid="entry-persons">
      <h2 id="persons-heading">{t("persons.heading")}</h2>
      {PERSON_ROLES.filter((role) => persons.some((p) => p.role === role)).map((role) => (
        <div key={role}>
          <h3 className="text-base">{words.personRolePlural(role)}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {persons.filter((p) => p.role === role).map((p, i) => (
              <li key={i}>
                <bdi className="font-medium">{p.names[0]}</bdi>
                {p.names.length > 1 ? (
                  <span className="text-stone-600">
                    {" · "}
                    {t.rich("persons.also", { names: p.names.slice(1).join(t("listSeparator")), bdi: (chunks) => <bdi>{chunks}</bdi> })}
                  </span>
                ) : null}
                <span className="text-stone-600">
                  {[
                    p.age !== null ? t("persons.age", { age: p.age }) : null,
                    p.incidentDate ? formats.date(p.incidentDate) : null,
                    p.placeName ? <bdi>{p.placeName}</bdi> : null,
                  ]
                    .filter(Boolean)
                    .map((x, at) => <Fragment key={at}>{" · "}{x}</Fragment>)}
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
export async function EntryFigures({ figures, locale }: { figures?: PublicFigure[]; locale?: Locale }) {
  if (!figures?.length) return null;
  const { t, words, formats } = await entrySpeech(locale);
  const scopes = [...new Map(figures.map((f) => [`${f.measure}|${f.scope.place}|${f.scope.periodFrom}|${f.scope.periodTo}`, f])).entries()];
  return (
    <section aria-labelledby="figures-heading" className="space-y-3" data-testid="entry-figures">
      <h2 id="figures-heading">{t("figures.heading")}</h2>
      {scopes.map(([key, first]) => {
        const series = figures.filter((f) => `${f.measure}|${f.scope.place}|${f.scope.periodFrom}|${f.scope.periodTo}` === key);
        const latestBySource = new Map(series.map((f) => [f.source?.name ?? "withheld", f]));
        const lows = [...latestBySource.values()].map((f) => f.valueMin);
        const highs = [...latestBySource.values()].map((f) => f.valueMax);
        const period = formats.period(first.scope.periodFrom, first.scope.periodTo);
        return (
          <div key={key} className="space-y-2">
            <p className="text-sm">
              {t.rich("figures.range", {
                measure: words.measure(first.measure),
                place: first.scope.place,
                hasPeriod: String(period !== null),
                period: period ?? "",
                range: formats.range(Math.min(...lows), Math.max(...highs)),
                sources: latestBySource.size,
                strong: (chunks) => <strong>{chunks}</strong>,
                auto: (chunks) => <span dir="auto">{chunks}</span>,
              })}
            </p>
            <table className="w-full text-start text-sm">
              <caption className="sr-only">{t("figures.caption", { measure: words.measure(first.measure).toLowerCase(), place: first.scope.place })}</caption>
              <thead className="text-stone-600">
                <tr>
                  <th scope="col" className="py-1 text-start font-medium">{t("figures.asOf")}</th>
                  <th scope="col" className="py-1 text-start font-medium">{t("figures.reported")}</th>
                  <th scope="col" className="py-1 text-start font-medium">{t("figures.source")}</th>
                </tr>
              </thead>
              <tbody>
                {series.map((f, i) => (
                  <tr key={i} className="border-t border-stone-200">
                    <td className="py-1">{formats.date(f.asOf)}</td>
                    <td className="py-1 tabular-nums">{formats.range(f.valueMin, f.valueMax)}</td>
                    <td className="py-1" dir="auto">{f.source?.name ?? t("figures.withheld")}</td>
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
