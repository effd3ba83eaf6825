import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatsOf, vocabularyOf } from "@/lib/i18n/speech-core";

/**
 * The domain's words and formats for async server components: in the request's chosen language,
 * or in `locale` when the page's address names it (`app/[locale]`: a cached page must not read the
 * request).
 */
export async function getSpeech(locale?: string) {
  const [vocab, format, formatter] = locale
    ? await Promise.all([getTranslations({ locale, namespace: "vocab" }), getTranslations({ locale, namespace: "format" }), getFormatter({ locale })])
    : await Promise.all([getTranslations("vocab"), getTranslations("format"), getFormatter()]);
  return { words: vocabularyOf(vocab), formats: formatsOf(formatter, format) };
}
