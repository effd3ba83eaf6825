import Link from "next/link";
import type { FigureSeriesDto } from "@/lib/figures/figure-series";
import { formatDate } from "@/components/ui/format";
import { formatRange } from "./measure";
import { Marker, seriesStyle } from "./series-style";

/** Every report of a series, in as-of order: the chart's data, readable without the chart. */
export function SeriesTable({ data }: { data: FigureSeriesDto }) {
  const rows = data.series
    .flatMap((s, i) => s.points.map((p) => ({ ...p, source: s.source, index: i })))
    .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.source.name.localeCompare(b.source.name));
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="figure-table">
        <caption className="sr-only">Every report in this series: source, as-of date and value or range.</caption>
        <thead className="bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Source</th>
            <th scope="col" className="px-4 py-2 font-medium">As of</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Reported</th>
            <th scope="col" className="px-4 py-2 font-medium">Note</th>
            <th scope="col" className="px-4 py-2 font-medium">Claim</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={r.figureId} data-testid="figure-row">
              <td className="px-4 py-2">
                <span className="inline-flex items-center gap-2">
                  <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><Marker x={6} y={6} style={seriesStyle(r.index)} size={4} /></svg>
                  <Link href={`/sources/${r.source.id}`} dir="auto">{r.source.name}</Link>
                  {r.source.protected ? <span className="text-xs text-stone-500">(protected)</span> : null}
                </span>
              </td>
              <td className="whitespace-nowrap px-4 py-2">{formatDate(r.asOf)}</td>
              <td className="whitespace-nowrap px-4 py-2 text-right font-medium tabular-nums">{formatRange(r.min, r.max)}</td>
              <td className="px-4 py-2 text-stone-600" dir="auto">{r.note ?? ""}</td>
              <td className="px-4 py-2"><Link href={`/claims/${r.claimId}`}>Open</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
