import Link from "next/link";
import { GRADE_LABEL } from "@/components/ui/badges";
import type { ClaimOriginsDto } from "@/lib/origins/claim-origins";

const STANCE_STYLE: Record<string, string> = {
  supports: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  contradicts: "bg-rose-50 text-rose-900 ring-rose-200",
  mixed: "bg-amber-50 text-amber-900 ring-amber-200",
  context: "bg-sky-50 text-sky-900 ring-sky-200",
  unassessed: "bg-stone-100 text-stone-700 ring-stone-300",
};

/** How the evidence collapses into independent origins, and the grade that suggests. */
export function OriginsPanel({ data, itemNames }: { data: ClaimOriginsDto; itemNames: Map<string, string> }) {
  if (data.items === 0) return null;
  return (
    <section aria-labelledby="origins-heading" className="space-y-3" data-testid="origins-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="origins-heading">Independent origins</h2>
        <p className="text-sm text-stone-700" data-testid="origins-summary">
          {data.items} item{data.items === 1 ? "" : "s"} → <strong>{data.origins.length}</strong> independent origin{data.origins.length === 1 ? "" : "s"}
          {" · "}
          {data.supporting} supporting, {data.contradicting} contradicting
        </p>
      </div>
      <div className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm" data-testid="suggested-grade">
        Suggested grade: <strong>{data.suggestedGrade ? GRADE_LABEL[data.suggestedGrade] : "none yet"}</strong>
        <span className="text-stone-600"> — {data.because}</span>
        {data.limitedBy ? (
          <p className="mt-1 text-xs text-amber-900" data-testid="grade-limited-by">
            Held back by {data.limitedBy === "source_reliability" ? "the sources' reliability (E or F)" : "the items' credibility (assessed 3)"}.
            The grade is yours to set, with its rationale; see <Link href="/methodology#origins" className="underline">how grades are suggested</Link>.
          </p>
        ) : null}
      </div>
      <ul className="space-y-2">
        {data.origins.map((origin, index) => (
          <li key={origin.id} className="rounded-md border border-stone-200 bg-white p-4 text-sm" data-testid="origin">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">Origin {index + 1}</span>
              <span className={`rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${STANCE_STYLE[origin.stance]}`}>{origin.stance}</span>
              {origin.firstHand ? <span className="rounded-full bg-white px-2 py-0.5 text-xs ring-1 ring-inset ring-stone-300">first-hand</span> : null}
              <span className="text-stone-500">{origin.evidenceIds.length} item{origin.evidenceIds.length === 1 ? "" : "s"}</span>
            </div>
            {origin.evidenceIds.length >= 3 ? (
              <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-950" data-testid="shared-origin-warning">
                {origin.evidenceIds.length} items rest on this one origin: repetition is not corroboration.
              </p>
            ) : null}
            {origin.sources.length ? (
              <p className="mt-2 text-stone-700">
                Sources:{" "}
                {origin.sources.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/sources/${s.id}`}>{s.name}</Link>
                    {s.protected ? " (protected)" : ""}
                  </span>
                ))}
              </p>
            ) : (
              <p className="mt-2 text-stone-500">No source recorded for these items.</p>
            )}
            <p className="mt-1 text-stone-700">
              Items:{" "}
              {origin.evidenceIds.map((id, i) => (
                <span key={id}>
                  {i > 0 ? ", " : ""}
                  <Link href={`/evidence/${id}`} dir="auto">{itemNames.get(id) ?? id.slice(0, 8)}</Link>
                </span>
              ))}
            </p>
            {origin.reasons.length ? (
              <ul className="mt-1 list-disc pl-5 text-xs text-stone-600">
                {origin.reasons.map((r) => <li key={r} dir="auto">{r}</li>)}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
