import type { FigureSeriesDto } from "@/lib/figures/figure-series";
import { formatDate, formatDayMonth, formatNumber } from "@/components/ui/format";
import { formatRange, MEASURE_LABEL } from "./measure";
import { LegendSwatch, Marker, seriesStyle } from "./series-style";

const W = 720;
const H = 300;
const M = { top: 18, right: 20, bottom: 34, left: 64 };
const DAY = 86_400_000;

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about four gridlines up to `max`. */
function niceStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/**
 * A series of reported figures over time, drawn on the server as plain SVG: x is the as-of date,
 * y the count; one line per source, a vertical bar for a reported range, and the current range
 * across sources as a band. The table under it carries the same data for screen readers.
 */
export function SeriesChart({ data }: { data: FigureSeriesDto }) {
  const points = data.series.flatMap((s) => s.points);
  if (points.length === 0 || !data.current || !data.latest) return null;
  const days = points.map((p) => dayOf(p.asOf));
  const [first, last] = [Math.min(...days), Math.max(...days)];
  // Half a day of air at each end (a day when all reports share one date), so no point sits on an axis.
  const pad = first === last ? 1 : Math.max(0.5, (last - first) * 0.04);
  const [x0, x1] = [first - pad, last + pad];
  // Some headroom over the highest report, so the band's label and the top marker have room.
  const top = Math.max(...points.map((p) => p.max)) * 1.1;
  const step = niceStep(top);
  const yMax = Math.ceil(top / step) * step || step;
  const x = (day: number) => M.left + ((day - x0) / (x1 - x0)) * (W - M.left - M.right);
  const y = (n: number) => H - M.bottom - (n / yMax) * (H - M.top - M.bottom);
  const yTicks = Array.from({ length: Math.round(yMax / step) + 1 }, (_, i) => i * step);
  const span = last - first;
  const dayStep = Math.max(1, Math.ceil(span / 8));
  const xTicks = Array.from({ length: Math.floor(span / dayStep) + 1 }, (_, i) => first + i * dayStep);

  const summary = `${MEASURE_LABEL[data.measure]}, ${data.scope.place ?? data.scope.key}: ${points.length} report${points.length === 1 ? "" : "s"} from ${data.series.length} source${data.series.length === 1 ? "" : "s"}, ${formatDate(isoOf(first))} to ${formatDate(isoOf(last))}. Latest: ${formatRange(data.latest.min, data.latest.max)} by ${data.latest.source.name} as of ${formatDate(data.latest.asOf)}. Current range across sources: ${formatRange(data.current.min, data.current.max)}. The table below lists every report.`;

  return (
    <figure className="space-y-3" data-testid="series-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="h-auto w-full rounded-lg border border-stone-200 bg-white" fontFamily="inherit">
        <rect
          x={M.left}
          width={W - M.left - M.right}
          y={y(data.current.max)}
          height={Math.max(2, y(data.current.min) - y(data.current.max))}
          fill="#f0fdfa"
          stroke="#99f6e4"
          strokeDasharray="3 3"
          data-testid="current-range-band"
        />
        <text x={W - M.right - 6} y={y(data.current.max) - 5} textAnchor="end" fontSize="11" fill="#115e59">
          current range {formatRange(data.current.min, data.current.max)} ({data.current.sources} source{data.current.sources === 1 ? "" : "s"})
        </text>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#a8a29e" : "#e7e5e4"} />
            <text x={M.left - 8} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#57534e">{formatNumber(t)}</text>
          </g>
        ))}
        {xTicks.map((d) => (
          <g key={d}>
            <line x1={x(d)} x2={x(d)} y1={H - M.bottom} y2={H - M.bottom + 5} stroke="#a8a29e" />
            <text x={x(d)} y={H - M.bottom + 18} textAnchor="middle" fontSize="11" fill="#57534e">{formatDayMonth(isoOf(d))}</text>
          </g>
        ))}
        <text x={14} y={M.top + (H - M.top - M.bottom) / 2} fontSize="11" fill="#57534e" textAnchor="middle" transform={`rotate(-90 14 ${M.top + (H - M.top - M.bottom) / 2})`}>
          {MEASURE_LABEL[data.measure]}
        </text>
        {data.series.map((s, i) => {
          const style = seriesStyle(i);
          const mid = (p: { min: number; max: number }) => (p.min + p.max) / 2;
          const path = s.points.map((p, j) => `${j === 0 ? "M" : "L"}${x(dayOf(p.asOf)).toFixed(1)},${y(mid(p)).toFixed(1)}`).join(" ");
          return (
            <g key={s.source.id} data-testid="chart-series" data-source={s.source.name}>
              <path d={path} fill="none" stroke={style.colour} strokeWidth="2" strokeDasharray={style.dash || undefined} strokeLinejoin="round" />
              {s.points.map((p) => {
                const px = x(dayOf(p.asOf));
                return (
                  <g key={p.figureId} data-testid="chart-point">
                    <title>{`${s.source.name}, ${formatDate(p.asOf)}: ${formatRange(p.min, p.max)}`}</title>
                    {p.min < p.max ? (
                      <g stroke={style.colour} strokeWidth="2">
                        <line x1={px} x2={px} y1={y(p.min)} y2={y(p.max)} />
                        <line x1={px - 5} x2={px + 5} y1={y(p.min)} y2={y(p.min)} />
                        <line x1={px - 5} x2={px + 5} y1={y(p.max)} y2={y(p.max)} />
                      </g>
                    ) : null}
                    <Marker x={px} y={y(mid(p))} style={style} hollow={p.min < p.max} />
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700" data-testid="chart-legend">
          {data.series.map((s, i) => {
            const latest = s.points[s.points.length - 1];
            return (
              <li key={s.source.id} className="inline-flex items-center gap-2">
                <LegendSwatch style={seriesStyle(i)} />
                <span dir="auto">{s.source.name}</span>
                <span className="text-stone-500">latest {formatRange(latest.min, latest.max)}, {formatDayMonth(latest.asOf)}</span>
              </li>
            );
          })}
        </ul>
        <p className="mt-1 text-xs text-stone-500">A bar with a hollow mark is a reported range; the shaded band is the current range across sources (each source’s latest report).</p>
      </figcaption>
    </figure>
  );
}
