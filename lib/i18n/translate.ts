import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createFormatter, createTranslator } from "use-intl/core";
import { CATALOGUES, type Messages } from "./catalogues";
import { FORMATS } from "./formats";
import { DEFAULT_LOCALE, type Digits, formattingLocale, type Locale } from "./locales";

/**
 * The language lib/ writes its messages in: the request's, set once at each door (`inLocale`, by
 * the API's `apiRoute`, the pages' `formAction` and the proxy), so that an AppError's message, a
 * guard's refusal and a field error are made in the reader's language where they are made. A
 * message made outside any door (a job, the command line, a test) is in the default language.
 */
type Speech = { locale: Locale; digits: Digits };
const speech = new AsyncLocalStorage<Speech>();

export function inLocale<T>(locale: Locale, run: () => T, digits: Digits = "latn"): T {
  return speech.run({ locale, digits }, run);
}

export function currentLocale(): Locale {
  return speech.getStore()?.locale ?? DEFAULT_LOCALE;
}

function translatorOf(locale: Locale, digits: Digits) {
  const messages = CATALOGUES[locale];
  return createTranslator({ locale: formattingLocale(messages.meta.formatLocale, digits), messages, timeZone: "UTC", formats: FORMATS });
}

type Translator = ReturnType<typeof translatorOf>;
const translators = new Map<string, Translator>();

/** A translator for one language (cached: a catalogue is parsed once per language). */
export function translatorFor(locale: Locale, digits: Digits = "latn"): Translator {
  const key = `${locale}/${digits}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = translatorOf(locale, digits);
    translators.set(key, translator);
  }
  return translator;
}

/** A message in the current request's language: `tr("errors.signIn")`. */
export const tr: Translator = ((key: string, values?: Record<string, unknown>) => {
  const store = speech.getStore();
  return (translatorFor(store?.locale ?? DEFAULT_LOCALE, store?.digits ?? "latn") as unknown as (k: string, v?: unknown) => string)(key, values);
}) as Translator;

/** Numbers and dates in the current request's language. */
export function formatterNow() {
  const store = speech.getStore();
  const locale = store?.locale ?? DEFAULT_LOCALE;
  return createFormatter({ locale: formattingLocale(CATALOGUES[locale].meta.formatLocale, store?.digits ?? "latn"), timeZone: "UTC", formats: FORMATS });
}

export type { Messages };
