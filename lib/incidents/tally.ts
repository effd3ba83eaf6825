/**
 * An incident's count of the dead, as casualty recorders give it: how many victims are named, the
 * figures sources report as one range across them, and where they disagree ("named 212 of
 * reported 300–380"). Pure: lib/incidents/read-tally.ts gathers the rows.
 */

/** One source's report: one number (min = max), a range, or "at least N" (min = max = N, `atLeast`). */
export type ReportedFigure = {
  sourceId: string;
  sourceName: string;
  /** A protected source: counted, never named in public. */
  sourceProtected?: boolean;
  min: number;
  max: number;
  atLeast: boolean;
  asOf: string;
  claimId: string;
};

/**
 * The reports as one range: `low` the smallest lower bound any source gives, `high` the largest
 * number any gives. When that largest number is a floor ("at least 400"), `open` says the range
 * has no upper bound past it.
 */
export type ReportedRange = { low: number; high: number; open: boolean };

export type Tally = {
  /** Distinct persons recorded as victims of the incident and of those under it. */
  named: number;
  /** The range across sources, null when no source reports a number. */
  reported: ReportedRange | null;
  /** Where `reported` comes from: the incident's own claims, or the sum of those under it (it has no figure of its own). */
  reportedFrom: "own" | "sub_incidents" | null;
  /** Each source's newest report that the range is made of. */
  sources: ReportedFigure[];
  /** Two sources' reports cannot both be right (their ranges do not overlap). */
  sourcesDisagree: boolean;
  /** More victims are named than any source reports. */
  namedAboveReported: boolean;
};

/** Each source's newest report (by as-of date; the later one given wins a tie). */
export function newestBySource(figures: readonly ReportedFigure[]): ReportedFigure[] {
  const newest = new Map<string, ReportedFigure>();
  for (const f of figures) {
    const seen = newest.get(f.sourceId);
    if (!seen || f.asOf >= seen.asOf) newest.set(f.sourceId, f);
  }
  return [...newest.values()].sort((a, b) => a.min - b.min || a.sourceName.localeCompare(b.sourceName));
}

/** One range across the sources' reports, or null when there are none. */
export function rangeAcross(reports: readonly ReportedFigure[]): ReportedRange | null {
  if (!reports.length) return null;
  const low = Math.min(...reports.map((r) => r.min));
  const high = Math.max(...reports.map((r) => r.max));
  return { low, high, open: reports.some((r) => r.atLeast && r.max === high) };
}

/** True when some two reports cannot both hold: one's range ends below where another's begins. */
export function disagree(reports: readonly ReportedFigure[]): boolean {
  const lowestTop = Math.min(...reports.map((r) => (r.atLeast ? Infinity : r.max)));
  const highestFloor = Math.max(...reports.map((r) => r.min));
  return reports.length > 1 && highestFloor > lowestTop;
}

/** The sum of the ranges of incidents under one: each end added, open when any is. */
export function sumRanges(ranges: readonly ReportedRange[]): ReportedRange | null {
  if (!ranges.length) return null;
  return ranges.reduce((sum, r) => ({ low: sum.low + r.low, high: sum.high + r.high, open: sum.open || r.open }), { low: 0, high: 0, open: false });
}

/**
 * The tally of an incident: `named` distinct victims across it and those under it (counted by the
 * caller, once per person), its own claims' figures, and the tallies of the incidents directly
 * under it. An incident's own figures speak for all of it (a monitor's count for the whole coast
 * covers its towns); only without any does it add up those under it.
 */
export function tallyOf(named: number, ownFigures: readonly ReportedFigure[], children: readonly Tally[] = []): Tally {
  const own = newestBySource(ownFigures);
  const fromChildren = sumRanges(children.map((c) => c.reported).filter((r): r is ReportedRange => r !== null));
  const reported = own.length ? rangeAcross(own) : fromChildren;
  return {
    named,
    reported,
    reportedFrom: own.length ? "own" : fromChildren ? "sub_incidents" : null,
    sources: own,
    sourcesDisagree: disagree(own),
    namedAboveReported: reported !== null && !reported.open && named > reported.high,
  };
}
