import Link from "next/link";
import { useTranslations } from "next-intl";
import { VersionChanges } from "@/components/public/version-changes";
import { useFormats, useVocabulary } from "@/components/ui/speech";
import type { Vocabulary } from "@/lib/i18n/speech-core";
import type { VersionChange } from "@/lib/publishing/version-changes";

type Translate = ReturnType<typeof useTranslations<"claims">>;

/** A field's value as the table shows it: a grade, a kind or a precision in words; none said so. */
function shown(t: Translate, words: Vocabulary, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("none");
  if (field === "grade") return words.grade(String(value));
  if (field === "kind") return words.kind(String(value));
  if (field === "placePrecision" && t.has(`precisionWord.${String(value)}` as never)) return t(`precisionWord.${String(value)}` as never);
  if (field === "translations" && typeof value === "object") {
    // Each language's translated title: "Arabic: …" (the summary is on the preview).
    const entries = Object.entries(value as Record<string, { title?: string } | null>).filter(([, v]) => v?.title);
    return entries.length === 0 ? t("none") : entries.map(([code, v]) => `${words.language(code)}: ${v!.title}`).join(" · ");
  }
  return String(value);
}

type Props = {
  claimId: string;
  draft: { reason: string; draftedBy: { id: string; name: string }; draftedAt: string | null };
  /** Each field the draft changes: the claim's value now and the draft's. */
  fields: Record<string, { before: unknown; after: unknown }>;
  /** What the public entry would change, persons, figures and evidence included (the preview's). */
  publicChanges: VersionChange[] | null;
};

/** A drafted correction waiting for another editor: who drafted it, why, and what it changes. */
export function CorrectionDraft({ claimId, draft, fields, publicChanges }: Props) {
  const t = useTranslations("claims");
  const words = useVocabulary();
  const formats = useFormats();
  const fieldLabel = (field: string) => (t.has(`field.${field}` as never) ? t(`field.${field}` as never) : field);
  return (
    <section aria-labelledby="correction-draft-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-sm text-amber-950" data-testid="correction-draft">
      <h2 id="correction-draft-heading" className="text-base text-amber-950">{t("draft.heading")}</h2>
      <p>
        {t.rich("draft.draftedBy", {
          name: draft.draftedBy.name,
          date: draft.draftedAt ? formats.dateTime(draft.draftedAt) : "",
          dated: draft.draftedAt ? "yes" : "no",
          drafter: (chunks) => <bdi className="font-medium" data-testid="correction-drafter">{chunks}</bdi>,
        })}
      </p>
      <p dir="auto"><span className="font-medium">{t("draft.reasonLabel")} </span>{draft.reason}</p>
      {Object.keys(fields).length ? (
        <table className="w-full border-collapse text-start" data-testid="correction-fields">
          <thead>
            <tr className="border-b border-amber-200">
              <th className="py-1 pe-3">{t("draft.field")}</th>
              <th className="py-1 pe-3">{t("draft.now")}</th>
              <th className="py-1">{t("draft.corrected")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(fields).map(([field, { before, after }]) => (
              <tr key={field} className="border-b border-amber-100 align-top">
                <td className="py-1 pe-3 font-medium">{fieldLabel(field)}</td>
                <td className="py-1 pe-3" dir="auto"><del>{shown(t, words, field, before)}</del></td>
                <td className="py-1" dir="auto">{shown(t, words, field, after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("draft.noOwnFields")}</p>
      )}
      {publicChanges ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">{t("draft.publicChanges")}</h3>
          <VersionChanges changes={publicChanges} testId="correction-public-changes" />
          <Link href={`/claims/${claimId}/preview`}>{t("draft.preview")}</Link>
        </div>
      ) : null}
    </section>
  );
}
