"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { MapIncident } from "./incident-map";

const DAY_MS = 86_400_000;
/** The least share of the axis a bar takes when rows are packed: a one-day dot or a short bar still needs room to be clicked. */
const MIN_SHARE = 3;
/** Pixels per row, and above the first. */
const ROW_PX = 28;
const PAD_PX = 4;

/** A YYYY-MM-DD date as a day number (days since 1970-01-01, UTC); null when it is no date. */
function dayOf(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

type Bar = { item: MapIncident; start: number; end: number; startPct: number; widthPct: number; dot: boolean; row: number };

/**
 * The bars of a timeline from its first day to its last: each incident's place along the axis (in
 * hundredths of it) and its row. Rows are packed greedily: each bar, earliest first, goes in the
 * first row whose last bar ends before it starts (bars narrower than MIN_SHARE count as that wide).
 * Incidents without a readable start date are left out.
 */
export function layoutTimeline(items: MapIncident[]): { bars: Bar[]; rows: number; first: number; last: number } | null {
  const dated = items.flatMap((item) => {
    const start = dayOf(item.startDate);
    if (start === null) return [];
    const end = Math.max(start, dayOf(item.endDate) ?? start);
    return [{ item, start, end }];
  });
  if (!dated.length) return null;
  const first = Math.min(...dated.map((d) => d.start));
  const last = Math.max(...dated.map((d) => d.end));
  const span = last - first + 1;
  dated.sort((a, b) => a.start - b.start || a.end - b.end || a.item.title.localeCompare(b.item.title) || a.item.id.localeCompare(b.item.id));

  const rowEnds: number[] = [];
  const bars = dated.map(({ item, start, end }) => {
    const startPct = ((start - first) / span) * 100;
    const widthPct = ((end - start + 1) / span) * 100;
    const reach = startPct + Math.max(widthPct, MIN_SHARE);
    let row = rowEnds.findIndex((rowEnd) => rowEnd <= startPct);
    if (row === -1) row = rowEnds.push(reach) - 1;
    else rowEnds[row] = reach;
    return { item, start, end, startPct, widthPct, dot: start === end, row };
  });
  return { bars, rows: rowEnds.length, first, last };
}

/**
 * Sets an element's geometry through the CSS object model. The page's Content-Security-Policy
 * admits no style attribute in the server's markup (lib/security/content-security-policy.ts), so
 * positions are not rendered as `style`: they are applied in the browser once the element exists.
 * `insetInlineStart` mirrors the axis in a right-to-left page.
 */
function placed(geometry: Partial<Pick<CSSStyleDeclaration, "insetInlineStart" | "width" | "top" | "height">>) {
  return (el: HTMLElement | null) => {
    if (el) Object.assign(el.style, geometry);
  };
}

/**
 * Incidents along a time axis, from the earliest start to the latest end: each one a bar as long
 * as it lasted (a dot for a single day), in rows so that no two overlap. Each bar is a button that
 * selects its incident; the selected one stands out.
 */
export function IncidentTimeline({ items, selectedId, onSelect }: { items: MapIncident[]; selectedId?: string | null; onSelect?: (id: string) => void }) {
  const t = useTranslations("incidents.views");
  const format = useFormatter();
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  const selected = selectedId !== undefined ? selectedId : ownSelection;
  const layout = useMemo(() => layoutTimeline(items), [items]);

  if (!layout) return <EmptyState title={t("timelineEmpty")} />;

  const { bars, rows, first, last } = layout;
  const short = last - first < 92;
  const dateText = (day: number) =>
    format.dateTime(new Date(day * DAY_MS), short ? { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" } : { year: "numeric", month: "short", timeZone: "UTC" });
  const select = (id: string) => {
    setOwnSelection(id);
    onSelect?.(id);
  };

  return (
    <div role="group" aria-label={t("timelineLabel")} data-testid="incident-timeline" className="rounded-lg border border-stone-200 bg-white p-3">
      <div className="max-h-96 overflow-y-auto">
        <ol className="relative" ref={placed({ height: `${rows * ROW_PX + 2 * PAD_PX}px` })}>
          {bars.map(({ item, startPct, widthPct, dot, row }) => {
            const on = item.id === selected;
            const name = t("barName", { title: item.title, date: item.dateLabel });
            return (
              <li
                key={item.id}
                className="absolute"
                ref={placed({
                  top: `${row * ROW_PX + PAD_PX}px`,
                  // Kept inside the axis: a bar or dot at the very end still shows whole.
                  insetInlineStart: `min(${startPct.toFixed(3)}%, calc(100% - ${dot ? "1.25rem" : "0.75rem"}))`,
                  width: dot ? "" : `${widthPct.toFixed(3)}%`,
                })}
              >
                <button
                  type="button"
                  data-testid="timeline-bar"
                  data-incident-id={item.id}
                  data-row={row}
                  aria-pressed={on}
                  aria-label={name}
                  title={name}
                  onClick={() => select(item.id)}
                  className={[
                    "flex h-5 items-center overflow-hidden text-start text-xs shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2",
                    dot ? "w-5 rounded-full" : "w-full min-w-3 rounded",
                    on ? "bg-amber-500 text-stone-950 ring-2 ring-amber-800" : "bg-teal-700 text-white hover:bg-teal-800",
                  ].join(" ")}
                >
                  {!dot && widthPct >= 15 ? (
                    <span dir="auto" className="truncate px-1.5" aria-hidden="true">
                      {item.title}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      </div>
      <div className="mt-1 flex justify-between gap-4 border-t border-stone-300 pt-1 text-xs text-stone-600" data-testid="timeline-axis">
        <span>{dateText(first)}</span>
        {last !== first ? <span>{dateText(last)}</span> : null}
      </div>
    </div>
  );
}
