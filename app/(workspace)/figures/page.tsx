import type { Metadata } from "next";
import Link from "next/link";
import { SeriesChart } from "@/components/figures/series-chart";
import { seriesSentence } from "@/components/figures/series-summary";
import { SeriesTable } from "@/components/figures/series-table";
import { formatDate } from "@/components/ui/format";
import { formatPeriod, MEASURE_LABEL, seriesHref } from "@/components/figures/measure";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form";
import { isAppError } from "@/lib/errors/app-error";
import { getFigureSeries, listFigureScopes } from "@/lib/figures/figure-series";
import { type PageContext, pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Figures" };

export default async function FiguresPage({ searchParams }: { searchParams: Promise<{ measure?: string; scope?: string }> }) {
  const { db, actor } = await pageContext("/figures");
  const { measure, scope } = await searchParams;
  if (measure !== undefined || scope !== undefined) return <SeriesView db={db} actor={actor} measure={measure ?? ""} scope={scope ?? ""} />;
  const scopes = await listFigureScopes(db, actor);
  return (
    <div className="space-y-4">
      <div>
        <h1>Figures</h1>
        <p className="text-sm text-stone-600">Reported numbers grouped by measure and scope. Each series gathers every source’s reports over time, across the claims you can see.</p>
      </div>
      {scopes.length === 0 ? (
        <EmptyState title="No figures yet.">Record a figure on a claim — a count a source reported, with its date — and its series appears here.</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="scope-list">
          {scopes.map((s) => (
            <li key={`${s.measure} ${s.key}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid="scope-item">
              <span>
                <Link href={seriesHref(s.measure, s.key)} className="font-medium text-stone-900">
                  {MEASURE_LABEL[s.measure]} · <span dir="auto">{s.place}</span>
                </Link>
                {formatPeriod(s.periodFrom, s.periodTo) ? <span className="text-stone-600">, {formatPeriod(s.periodFrom, s.periodTo)}</span> : null}
              </span>
              <span className="text-xs text-stone-600">
                {s.figures} report{s.figures === 1 ? "" : "s"} · {s.sources} source{s.sources === 1 ? "" : "s"} · latest as of {formatDate(s.latestAsOf)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

async function SeriesView({ db, actor, measure, scope }: PageContext & { measure: string; scope: string }) {
  const back = <Link href="/figures" className="text-sm">← All figures</Link>;
  let data;
  try {
    data = await getFigureSeries(db, actor, { measure, scope });
  } catch (error) {
    // A hand-edited address is a message on the page, never an error page.
    if (!isAppError(error) || error.code !== "BAD_REQUEST") throw error;
    return <div className="space-y-4">{back}<h1>Figures</h1><FormMessage tone="error" message="This address does not name a series: choose one from the list of figures." /></div>;
  }
  const sentence = seriesSentence(data);
  const period = formatPeriod(data.scope.periodFrom, data.scope.periodTo);
  return (
    <div className="space-y-5">
      {back}
      <div className="space-y-1">
        <p className="text-sm font-medium uppercase tracking-wide text-teal-800">{MEASURE_LABEL[data.measure]}</p>
        <h1 dir="auto">{data.scope.place ?? scope}</h1>
        {period ? <p className="text-sm text-stone-600">Period: {period}</p> : null}
      </div>
      {sentence ? (
        <>
          <p className="rounded-md border border-teal-100 bg-teal-50/60 px-4 py-3 text-stone-900" data-testid="series-sentence">{sentence}.</p>
          <SeriesChart data={data} />
          <section aria-labelledby="reports-heading" className="space-y-2">
            <h2 id="reports-heading" className="text-base">Every report</h2>
            <SeriesTable data={data} />
          </section>
        </>
      ) : (
        <EmptyState title="No figures in this series.">Nothing of this measure and scope is recorded on the claims you can see.</EmptyState>
      )}
    </div>
  );
}
