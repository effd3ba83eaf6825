import { formatDate, formatNumber } from "@/components/ui/format";
import type { FigureMeasure } from "@/lib/vocabulary";

/**
 * English only, kept for the pages not yet in the catalogues (the public entry). The figures'
 * pages take these words and formats in the reader's language from `useVocabulary()` and
 * `useFormats()` (components/ui/speech.ts).
 */
export const MEASURE_LABEL: Record<FigureMeasure, string> = {
  killed: "Killed",
  injured: "Injured",
  displaced: "Displaced",
  missing: "Missing",
};

/** "1,383" or "1,000–1,300". */
export function formatRange(min: number, max: number): string {
  return min === max ? formatNumber(min) : `${formatNumber(min)}–${formatNumber(max)}`;
}

/** "6–10 March 2025", "from 6 March 2025", or null for an open period. */
export function formatPeriod(from: string | null, to: string | null): string | null {
  if (from && to) return from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`;
  if (from) return `from ${formatDate(from)}`;
  if (to) return `until ${formatDate(to)}`;
  return null;
}

/** The link to one series on the figures page. */
export function seriesHref(measure: string, key: string): string {
  return `/figures?${new URLSearchParams({ measure, scope: key })}`;
}
