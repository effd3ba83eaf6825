import { useFormatter, useTranslations } from "next-intl";
import type { Tally } from "@/lib/incidents/tally";

/**
 * An incident's tally in words: "212 named of 300–380 reported by 2 sources", and where they
 * disagree. `inline`: one short phrase, for a line about a sub-incident.
 */
export function TallyLine({ tally, inline = false }: { tally: Tally; inline?: boolean }) {
  const t = useTranslations("incidents.tally");
  const format = useFormatter();
  const n = (value: number) => format.number(value);
  const r = tally.reported;
  const reported = r === null ? null : r.open ? t("atLeast", { value: n(r.high), low: n(r.low), single: r.low === r.high ? "yes" : "no" }) : r.low === r.high ? n(r.low) : t("range", { low: n(r.low), high: n(r.high) });
  const line = reported === null ? t("namedOnly", { named: n(tally.named) }) : t("namedOf", { named: n(tally.named), reported });
  if (inline) return <span data-testid="tally-inline">{line}</span>;
  return (
    <div className="space-y-1 text-sm">
      <p className="text-lg font-semibold text-stone-900" data-testid="tally-line">{line}</p>
      {r !== null ? (
        <p className="text-stone-600">
          {tally.reportedFrom === "sub_incidents" ? (
            t("fromSubIncidents")
          ) : (
            <>
              {t("fromSourcesLabel")} <bdi>{tally.sources.map((s) => s.sourceName).join(", ")}</bdi>
            </>
          )}
        </p>
      ) : (
        <p className="text-stone-600">{t("noFigure")}</p>
      )}
      {tally.sourcesDisagree ? <p className="text-amber-800" data-testid="tally-disagree">{t("sourcesDisagree")}</p> : null}
      {tally.namedAboveReported ? <p className="text-amber-800" data-testid="tally-named-above">{t("namedAbove")}</p> : null}
    </div>
  );
}
