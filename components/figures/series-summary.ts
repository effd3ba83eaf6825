import type { FigureSeriesDto } from "@/lib/figures/figure-series";
import { formatDate, formatNumber } from "@/components/ui/format";
import { formatRange } from "./measure";

/**
 * The series in one sentence, as a researcher would cite it: "1,383 reported by X as of
 * 12 March 2025; 973–1,500 across 3 sources; 212 named". Null when there is nothing to say.
 */
export function seriesSentence(series: Pick<FigureSeriesDto, "latest" | "current" | "named">): string | null {
  const { latest, current, named } = series;
  if (!latest || !current) return null;
  const parts = [
    `${formatRange(latest.min, latest.max)} reported by ${latest.source.name} as of ${formatDate(latest.asOf)}`,
    `${formatRange(current.min, current.max)} across ${current.sources} source${current.sources === 1 ? "" : "s"}`,
  ];
  // No count for displacement (no role names the displaced); "none named yet" rather than a bare 0.
  if (named !== null) parts.push(named === 0 ? "none named yet" : `${formatNumber(named)} named`);
  return parts.join("; ");
}
