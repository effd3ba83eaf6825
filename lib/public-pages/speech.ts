import { createFormatter, createTranslator } from "use-intl/core";
import { CATALOGUES, type Messages } from "@/lib/i18n/catalogues";
import { FORMATS } from "@/lib/i18n/formats";
import { formattingLocale, type Locale } from "@/lib/i18n/locales";
import { formatsOf, vocabularyOf } from "@/lib/i18n/speech-core";

/**
 * The public documents' words in one language, without a request: the same catalogues, formats and
 * formatting locale as the pages next-intl renders (lib/i18n/request.ts: a public address's
 * language, Latin digits, the Gregorian calendar, UTC), through use-intl's core, so a document is
 * a function of its data and its language alone and renders the same bytes every time.
 */
export function publicSpeech(locale: Locale) {
  const messages = CATALOGUES[locale];
  const tag = formattingLocale(messages.meta.formatLocale, "latn");
  const translator = <N extends "entry" | "publicSite" | "publicFooter" | "publicDocument" | "public" | "publicIncidents" | "incidents" | "methodology" | "notFound" | "errorPage" | "language" | "ui" | "vocab" | "format">(namespace: N) =>
    createTranslator<Messages, N>({ locale: tag, messages, namespace, formats: FORMATS, timeZone: "UTC" });
  const formatter = createFormatter({ locale: tag, formats: FORMATS, timeZone: "UTC", now: new Date(0) });
  return {
    locale,
    /** The words of `namespace` in this language. */
    t: translator,
    words: vocabularyOf(translator("vocab")),
    formats: formatsOf(formatter, translator("format")),
  };
}

export type PublicSpeech = ReturnType<typeof publicSpeech>;
