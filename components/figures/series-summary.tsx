import type { createTranslator } from "next-intl";
import type { ReactNode } from "react";
import type { Formats } from "@/lib/i18n/speech-core";
import type { FigureSeriesDto } from "@/lib/figures/figure-series";
import type { Messages } from "@/lib/i18n/catalogues";

export type FiguresT = ReturnType<typeof createTranslator<Messages, "figures">>;

/**
 * The series in one sentence, as a researcher would cite it: "1,383 reported by X as of
 * 12 March 2025; 973–1,500 across 3 sources; 212 named" (the source's name isolated: it may be in
 * another script). Null when there is nothing to say.
 */
export function seriesSentence(series: Pick<FigureSeriesDto, "latest" | "current" | "named">, t: FiguresT, formats: Formats): ReactNode {
  const { latest, current, named } = series;
  if (!latest || !current) return null;
  return t.rich("sentence", {
    latest: formats.range(latest.min, latest.max),
    source: latest.source.name,
    date: formats.date(latest.asOf),
    current: formats.range(current.min, current.max),
    sources: current.sources,
    // No count for displacement (no role names the displaced); "none named yet" rather than a bare 0.
    namedState: named === null ? "unknown" : named === 0 ? "none" : "some",
    named: named ?? 0,
    name: (chunks) => <bdi>{chunks}</bdi>,
  });
}
