import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { getSpeech } from "@/components/ui/speech-server";
import { languageOf, type Locale } from "@/lib/i18n/locales";

/**
 * An entry's interface words, its domain's words and its formats, in the page's language. A public
 * page names it (`locale`, from its address: a cached entry page must not read the request); the
 * workspace's preview names none and speaks the reader's chosen language. `language` is where the
 * entry's links lead (`publicPath`).
 */
export async function entrySpeech(locale: Locale | undefined) {
  const [t, speech, language] = await Promise.all([
    locale ? getTranslations({ locale, namespace: "entry" }) : getTranslations("entry"),
    getSpeech(locale),
    locale ?? getLocale().then(languageOf),
  ]);
  return { t, ...speech, language };
}

export { EVIDENCE_KIND_KEY } from "@/lib/publishing/snapshot";
