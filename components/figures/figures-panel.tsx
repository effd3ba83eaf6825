import { recordFigureAction } from "@/app/(workspace)/claims/[claimId]/figure-actions";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import type { ClaimFiguresOverviewDto } from "@/lib/figures/claim-figures-overview";
import { FigureForm } from "./figure-form";
import { seriesHref } from "./measure";
import { seriesSentence } from "./series-summary";
import { REQUIRED_FIGURE_FIELDS } from "@/lib/figures/schemas";

/** The claim page's figures: the headline per scope, the list, and the form while the claim is open or published (for a correction). */
export function FiguresPanel({ claimId, overview, places, canRecord, sourceOptions }: {
  claimId: string;
  overview: ClaimFiguresOverviewDto;
  places: string[];
  canRecord: boolean;
  sourceOptions: { id: string; name: string }[];
}) {
  return <FiguresPanelView overview={overview} form={canRecord ? <FigureForm submit={recordFigureAction.bind(null, claimId)} required={REQUIRED_FIGURE_FIELDS} sourceOptions={sourceOptions} places={places} /> : null} />;
}

export function FiguresPanelView({ overview, form }: { overview: ClaimFiguresOverviewDto; form: ReactNode }) {
  const t = useTranslations("figures");
  const words = useVocabulary();
  const formats = useFormats();
  const { figures, series } = overview;
  return (
    <section aria-labelledby="figures-heading" className="space-y-3" data-testid="figures-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="figures-heading">{t("panel.heading")}</h2>
        <span className="text-sm text-stone-500">{t("panel.count", { count: figures.length })}</span>
      </div>
      {series.length ? (
        <ul className="space-y-2">
          {series.map((s) => {
            const period = formats.period(s.scope.periodFrom, s.scope.periodTo);
            return (
              <li key={`${s.measure} ${s.scope.key}`} className="rounded-md border border-teal-100 bg-teal-50/60 px-4 py-3 text-sm" data-testid="figure-headline">
                <p className="font-medium text-stone-900">
                  {words.measure(s.measure)} · <span dir="auto">{s.scope.place}</span>
                  {period ? <span className="font-normal text-stone-600">{t("withPeriod", { period })}</span> : null}
                </p>
                <p className="mt-0.5 text-stone-800" data-testid="figure-sentence">{seriesSentence(s, t, formats)}.</p>
                {/* The arrow points onward: ← in Arabic, read right to left. */}
                <Link href={seriesHref(s.measure, s.scope.key)} className="mt-1 inline-block text-xs">{t("panel.seeSeries")}</Link>
              </li>
            );
          })}
        </ul>
      ) : null}
      {figures.length ? (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="figure-list">
          {figures.map((f) => (
            <li key={f.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2.5 text-sm" data-testid="figure-item">
              <span>
                <span className="font-semibold tabular-nums">{formats.range(f.valueMin, f.valueMax)}</span>{" "}
                <span className="text-stone-700">{words.measure(f.measure).toLowerCase()}</span>
                <span className="text-stone-500"> · </span>
                <span dir="auto">{f.scope.place}</span>
                {f.note ? <span className="block text-xs text-stone-600" dir="auto">{f.note}</span> : null}
              </span>
              <span className="text-xs text-stone-600">
                {t.rich("panel.asOf", {
                  source: f.source.name,
                  date: formats.date(f.asOf),
                  link: (chunks) => <Link href={`/sources/${f.source.id}`} dir="auto">{chunks}</Link>,
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-600" data-testid="figures-empty">
          {t("panel.empty", { canRecord: form ? "yes" : "no" })}
        </p>
      )}
      {form ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="mb-3 text-base">{t("panel.recordHeading")}</h3>
          {form}
        </div>
      ) : null}
    </section>
  );
}
