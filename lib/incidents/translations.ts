import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

/**
 * The title's translations after a change: each language named is set (or removed with null), the
 * others kept. A translation into the title's own language is refused, naming the field.
 */
export function titleTranslations(
  current: Record<string, { title: string }>,
  language: string,
  changes: Partial<Record<string, string | null>> | undefined,
): Record<string, { title: string }> {
  const next = { ...current };
  for (const [locale, title] of Object.entries(changes ?? {})) {
    if (locale === language && title !== null) {
      throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { [`translations.${locale}`]: [tr("errors.incidents.translationOwnLanguage")] } });
    }
    if (title === null || title === undefined) delete next[locale];
    else next[locale] = { title };
  }
  // A title now written in a language it had a translation into: the translation goes.
  delete next[language];
  return next;
}
