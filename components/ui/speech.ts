import { useFormatter, useTranslations } from "next-intl";
import { formatsOf, vocabularyOf } from "@/lib/i18n/speech-core";

/**
 * The domain's words (states, grades, kinds, measures, roles, languages…) and its dates and numbers
 * in the reader's language, for client components and server components that are not async.
 * Async server components use `getSpeech` (./speech-server.ts); under `app/[locale]` they pass the
 * address's locale.
 */
export function useVocabulary() {
  return vocabularyOf(useTranslations("vocab"));
}

export function useFormats() {
  return formatsOf(useFormatter(), useTranslations("format"));
}
