import type { FigureMeasure } from "@/lib/vocabulary";

export const MEASURE_LABEL: Record<FigureMeasure, string> = {
  killed: "Killed",
  injured: "Injured",
  displaced: "Displaced",
  missing: "Missing",
};

const count = new Intl.NumberFormat("en-GB");
const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** 1,383 — thousands separated, as people read and cite counts. */
export function formatCount(n: number): string {
  return count.format(n);
}

/** "1,383" or "1,000–1,300". */
export function formatRange(min: number, max: number): string {
  return min === max ? formatCount(min) : `${formatCount(min)}–${formatCount(max)}`;
}

/** "12 March 2025", for sentences. */
export function formatLongDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** "12 Mar", for axis ticks. */
export function formatShortDate(isoDate: string): string {
  return shortDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** "6–10 March 2025", "from 6 March 2025", or null for an open period. */
export function formatPeriod(from: string | null, to: string | null): string | null {
  if (from && to) return from === to ? formatLongDate(from) : `${formatLongDate(from)} – ${formatLongDate(to)}`;
  if (from) return `from ${formatLongDate(from)}`;
  if (to) return `until ${formatLongDate(to)}`;
  return null;
}

/** The link to one series on the figures page. */
export function seriesHref(measure: string, key: string): string {
  return `/figures?${new URLSearchParams({ measure, scope: key })}`;
}
