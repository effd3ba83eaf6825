import Link from "next/link";
import { useTranslations } from "next-intl";
import { useVocabulary } from "@/components/ui/speech";
import type { ClaimOriginsDto } from "@/lib/origins/claim-origins";
import { becauseText } from "@/lib/origins/because";

const STANCE_STYLE: Record<string, string> = {
  supports: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  contradicts: "bg-rose-50 text-rose-900 ring-rose-200",
  mixed: "bg-amber-50 text-amber-900 ring-amber-200",
  context: "bg-sky-50 text-sky-900 ring-sky-200",
  unassessed: "bg-stone-100 text-stone-700 ring-stone-300",
};

/** How the evidence collapses into independent origins, and the grade that suggests. */
export function OriginsPanel({ data, itemNames }: { data: ClaimOriginsDto; itemNames: Map<string, string> }) {
  const t = useTranslations("origins.panel");
  const because = useTranslations("origins.because");
  const stances = useTranslations("origins.stance");
  const words = useVocabulary();
  if (data.items === 0) return null;
  const stanceLabel = (stance: string) => (stances.has(stance as never) ? stances(stance as never) : stance);
  return (
    <section aria-labelledby="origins-heading" className="space-y-3" data-testid="origins-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="origins-heading">{t("heading")}</h2>
        <p className="text-sm text-stone-700" data-testid="origins-summary">
          {t.rich("summary", {
            items: data.items,
            origins: data.origins.length,
            supporting: data.supporting,
            contradicting: data.contradicting,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      </div>
      <div className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm" data-testid="suggested-grade">
        {t.rich("suggestedGrade", {
          grade: data.suggestedGrade ? words.grade(data.suggestedGrade) : t("noGradeYet"),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
        <span className="text-stone-600"> — {becauseText((key, values) => because(key as never, values as never), data.reason)}</span>
        {data.limitedBy ? (
          <p className="mt-1 text-xs text-amber-900" data-testid="grade-limited-by">
            {t.rich("limitedBy", {
              by: data.limitedBy,
              // Items assessed 3 ("possibly true") are what holds it back (lib/origins/suggest-grade.ts).
              level: 3,
              link: (chunks) => <Link href="/methodology#origins" className="underline">{chunks}</Link>,
            })}
          </p>
        ) : null}
      </div>
      <ul className="space-y-2">
        {data.origins.map((origin, index) => (
          <li key={origin.id} className="rounded-md border border-stone-200 bg-white p-4 text-sm" data-testid="origin">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{t("origin", { number: index + 1 })}</span>
              <span className={`rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${STANCE_STYLE[origin.stance]}`}>{stanceLabel(origin.stance)}</span>
              {origin.firstHand ? <span className="rounded-full bg-white px-2 py-0.5 text-xs ring-1 ring-inset ring-stone-300">{t("firstHand")}</span> : null}
              <span className="text-stone-500">{t("itemCount", { count: origin.evidenceIds.length })}</span>
            </div>
            {origin.evidenceIds.length >= 3 ? (
              <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-950" data-testid="shared-origin-warning">
                {t("sharedOrigin", { count: origin.evidenceIds.length })}
              </p>
            ) : null}
            {origin.sources.length ? (
              <p className="mt-2 text-stone-700">
                {t.rich("sources", {
                  list: () =>
                    origin.sources.map((s, i) => (
                      <span key={s.id}>
                        {i > 0 ? t("separator") : ""}
                        <Link href={`/sources/${s.id}`} dir="auto">{s.name}</Link>
                        {s.protected ? ` ${t("protected")}` : ""}
                      </span>
                    )),
                })}
              </p>
            ) : (
              <p className="mt-2 text-stone-500">{t("noSource")}</p>
            )}
            <p className="mt-1 text-stone-700">
              {t.rich("items", {
                list: () =>
                  origin.evidenceIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? t("separator") : ""}
                      <Link href={`/evidence/${id}`} dir="auto">{itemNames.get(id) ?? id.slice(0, 8)}</Link>
                    </span>
                  )),
              })}
            </p>
            {origin.reasons.length ? (
              <ul className="mt-1 list-disc ps-5 text-xs text-stone-600">
                {origin.reasons.map((r) => <li key={r} dir="auto">{r}</li>)}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
