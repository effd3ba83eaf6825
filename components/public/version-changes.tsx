import type { Locale } from "@/lib/i18n/locales";
import type { VersionChange } from "@/lib/publishing/version-changes";
import { entrySpeech } from "./entry-speech";

/**
 * What a version changed, field by field: before → after, or the items added and removed. A grade
 * a kind and a language read as their names rather than their codes; the other values come written
 * in the page's language by lib/ (`changeTexts`), each part a person wrote isolated.
 */
export async function VersionChanges({ changes, testId = "version-changes", locale }: { changes: VersionChange[]; testId?: string; locale?: Locale }) {
  const { t, words } = await entrySpeech(locale);
  const shown = (field: VersionChange["field"], value: string | null): string => {
    if (value === null) return t("changes.none");
    if (field === "grade") return words.grade(value);
    if (field === "kind") return words.kind(value);
    if (field === "language") return words.languageName(value);
    return value;
  };
  if (changes.length === 0) return <p className="text-sm text-stone-600" data-testid={testId}>{t("changes.nothing")}</p>;
  return (
    <dl className="space-y-3 text-sm" data-testid={testId}>
      {changes.map((change) => (
        <div key={change.field} className="rounded-md border border-stone-200 bg-white px-4 py-3" data-field={change.field}>
          <dt className="font-medium">{t(`changes.field.${change.field}`)}</dt>
          {"before" in change ? (
            <dd className="mt-1 space-y-1" dir="auto">
              <p className="text-stone-600"><span className="sr-only">{t("changes.before")}</span><del>{shown(change.field, change.before)}</del></p>
              <p><span className="sr-only">{t("changes.after")}</span><ins className="no-underline">{t("changes.becomes", { value: shown(change.field, change.after) })}</ins></p>
            </dd>
          ) : (
            <dd className="mt-1">
              <ul className="space-y-1 break-all">
                {change.added.map((item, i) => (
                  <li key={`+${i}`} dir="auto"><span className="font-medium text-teal-800">{t("changes.added")}</span> {item}</li>
                ))}
                {change.removed.map((item, i) => (
                  <li key={`-${i}`} dir="auto"><span className="font-medium text-rose-800">{t("changes.removed")}</span> {item}</li>
                ))}
              </ul>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
