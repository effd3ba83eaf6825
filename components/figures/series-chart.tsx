import { useLocale, useTranslations } from "next-intl";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import type { FigureSeriesDto } from "@/lib/figures/figure-series";
import { directionOf } from "@/lib/i18n/locales";
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
 *
 * In Arabic too the time axis runs left to right, the earliest date on the left and the counts'
 * axis on the left: that is how Arabic charts of time series are usually drawn, and the dates
 * then read in order. So the drawing sits in a `dir="ltr"` box; only its words are in the
 * reader's language and direction (each label a <text> of its own, kept on the same side in
 * either direction), and the legend and caption under it follow the page.
 */
export function SeriesChart({ data }: { data: FigureSeriesDto }) {
  const t = useTranslations("figures.chart");
  const words = useVocabulary();
  const formats = useFormats();
  const direction = directionOf(useLocale());
  // The anchors that keep a label's visual side whichever way its words run: SVG's "end" is the
  // left edge of right-to-left text.
  const rightAligned = direction === "rtl" ? "start" : "end";
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

  const summary = t("summary", {
    measure: words.measure(data.measure),
    place: data.scope.place ?? data.scope.key,
    reports: points.length,
    sources: data.series.length,
    from: formats.date(isoOf(first)),
    to: formats.date(isoOf(last)),
    latest: formats.range(data.latest.min, data.latest.max),
    source: data.latest.source.name,
    date: formats.date(data.latest.asOf),
    current: formats.range(data.current.min, data.current.max),
  });

  return (
    <figure className="space-y-3" data-testid="series-chart">
      {/* Left to right in every language: see above. */}
      <div dir="ltr">
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
          <text x={W - M.right - 6} y={y(data.current.max) - 5} direction={direction} textAnchor={rightAligned} fontSize="11" fill="#115e59">
            {t("currentRange", { range: formats.range(data.current.min, data.current.max), sources: data.current.sources })}
          </text>
          {yTicks.map((tick) => (
            <g key={tick}>
              <line x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? "#a8a29e" : "#e7e5e4"} />
              <text x={M.left - 8} y={y(tick) + 4} direction={direction} textAnchor={rightAligned} fontSize="11" fill="#57534e">{formats.number(tick)}</text>
            </g>
          ))}
          {xTicks.map((d) => (
            <g key={d}>
              <line x1={x(d)} x2={x(d)} y1={H - M.bottom} y2={H - M.bottom + 5} stroke="#a8a29e" />
              <text x={x(d)} y={H - M.bottom + 18} direction={direction} textAnchor="middle" fontSize="11" fill="#57534e">{formats.dayMonth(isoOf(d))}</text>
            </g>
          ))}
          <text x={14} y={M.top + (H - M.top - M.bottom) / 2} direction={direction} fontSize="11" fill="#57534e" textAnchor="middle" transform={`rotate(-90 14 ${M.top + (H - M.top - M.bottom) / 2})`}>
            {words.measure(data.measure)}
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
                      <title>{t("point", { source: s.source.name, date: formats.date(p.asOf), range: formats.range(p.min, p.max) })}</title>
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
      </div>
      <figcaption>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700" data-testid="chart-legend">
          {data.series.map((s, i) => {
            const latest = s.points[s.points.length - 1];
            return (
              <li key={s.source.id} className="inline-flex items-center gap-2">
                <LegendSwatch style={seriesStyle(i)} />
                <span dir="auto">{s.source.name}</span>
                <span className="text-stone-500">{t("latest", { range: formats.range(latest.min, latest.max), date: formats.dayMonth(latest.asOf) })}</span>
              </li>
            );
          })}
        </ul>
        <p className="mt-1 text-xs text-stone-500">{t("key")}</p>
      </figcaption>
    </figure>
  );
}
