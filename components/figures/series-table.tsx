import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/speech";
import type { FigureSeriesDto } from "@/lib/figures/figure-series";
import { Marker, seriesStyle } from "./series-style";

/** Every report of a series, in as-of order: the chart's data, readable without the chart. */
export function SeriesTable({ data }: { data: FigureSeriesDto }) {
  const t = useTranslations("figures.table");
  const formats = useFormats();
  const rows = data.series
    .flatMap((s, i) => s.points.map((p) => ({ ...p, source: s.source, index: i })))
    .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.source.name.localeCompare(b.source.name));
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-start text-sm" data-testid="figure-table">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("source")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("asOf")}</th>
            <th scope="col" className="px-4 py-2 text-end font-medium">{t("reported")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("note")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("claim")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={r.figureId} data-testid="figure-row">
              <td className="px-4 py-2">
                <span className="inline-flex items-center gap-2">
                  <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><Marker x={6} y={6} style={seriesStyle(r.index)} size={4} /></svg>
                  <Link href={`/sources/${r.source.id}`} dir="auto">{r.source.name}</Link>
                  {r.source.protected ? <span className="text-xs text-stone-500">{t("protected")}</span> : null}
                </span>
              </td>
              <td className="whitespace-nowrap px-4 py-2">{formats.date(r.asOf)}</td>
              <td className="whitespace-nowrap px-4 py-2 text-end font-medium tabular-nums">{formats.range(r.min, r.max)}</td>
              <td className="px-4 py-2 text-stone-600" dir="auto">{r.note ?? ""}</td>
              <td className="px-4 py-2"><Link href={`/claims/${r.claimId}`}>{t("open")}</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
