import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SeriesChart } from "@/components/figures/series-chart";
import { seriesSentence } from "@/components/figures/series-summary";
import { SeriesTable } from "@/components/figures/series-table";
import { seriesHref } from "@/components/figures/measure";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form";
import { getSpeech } from "@/components/ui/speech-server";
import { isAppError } from "@/lib/errors/app-error";
import { getFigureSeries, listFigureScopes } from "@/lib/figures/figure-series";
import { type PageContext, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("figures"))("metaTitle") };
}

export default async function FiguresPage({ searchParams }: { searchParams: Promise<{ measure?: string; scope?: string }> }) {
  const { db, actor } = await pageContext("/figures");
  const { measure, scope } = await searchParams;
  if (measure !== undefined || scope !== undefined) return <SeriesView db={db} actor={actor} measure={measure ?? ""} scope={scope ?? ""} />;
  const scopes = await listFigureScopes(db, actor);
  const [t, { words, formats }] = await Promise.all([getTranslations("figures"), getSpeech()]);
  return (
    <div className="space-y-4">
      <div>
        <h1>{t("heading")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      {scopes.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="scope-list">
          {scopes.map((s) => {
            const period = formats.period(s.periodFrom, s.periodTo);
            return (
              <li key={`${s.measure} ${s.key}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid="scope-item">
                <span>
                  <Link href={seriesHref(s.measure, s.key)} className="font-medium text-stone-900">
                    {words.measure(s.measure)} · <span dir="auto">{s.place}</span>
                  </Link>
                  {period ? <span className="text-stone-600">{t("withPeriod", { period })}</span> : null}
                </span>
                <span className="text-xs text-stone-600">{t("scopeCounts", { reports: s.figures, sources: s.sources, date: formats.date(s.latestAsOf) })}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

async function SeriesView({ db, actor, measure, scope }: PageContext & { measure: string; scope: string }) {
  const [t, { words, formats }] = await Promise.all([getTranslations("figures"), getSpeech()]);
  // The arrow points back: → in Arabic, read right to left.
  const back = <Link href="/figures" className="text-sm">{t("allFigures")}</Link>;
  let data;
  try {
    data = await getFigureSeries(db, actor, { measure, scope });
  } catch (error) {
    // A hand-edited address is a message on the page, never an error page.
    if (!isAppError(error) || error.code !== "BAD_REQUEST") throw error;
    return <div className="space-y-4">{back}<h1>{t("heading")}</h1><FormMessage tone="error" message={t("notASeries")} /></div>;
  }
  const sentence = seriesSentence(data, t, formats);
  const period = formats.period(data.scope.periodFrom, data.scope.periodTo);
  return (
    <div className="space-y-5">
      {back}
      <div className="space-y-1">
        <p className="text-sm font-medium uppercase tracking-wide text-teal-800">{words.measure(data.measure)}</p>
        <h1 dir="auto">{data.scope.place ?? scope}</h1>
        {period ? <p className="text-sm text-stone-600">{t("period", { period })}</p> : null}
      </div>
      {sentence ? (
        <>
          <p className="rounded-md border border-teal-100 bg-teal-50/60 px-4 py-3 text-stone-900" data-testid="series-sentence">{sentence}.</p>
          <SeriesChart data={data} />
          <section aria-labelledby="reports-heading" className="space-y-2">
            <h2 id="reports-heading" className="text-base">{t("everyReport")}</h2>
            <SeriesTable data={data} />
          </section>
        </>
      ) : (
        <EmptyState title={t("seriesEmptyTitle")}>{t("seriesEmptyBody")}</EmptyState>
      )}
    </div>
  );
}
