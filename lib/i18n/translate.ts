import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
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
/**
 * One store for the process. Next bundles this module more than once (the route handlers', the
 * pages'), and zod's message hook (lib/validation/messages.ts) is global: whichever copy set it
 * last must read the language the door set through the other copy.
 */
const SPEECH_KEY = Symbol.for("corroborate.i18n.speech");
const speech: AsyncLocalStorage<Speech> = ((globalThis as Record<symbol, unknown>)[SPEECH_KEY] ??= new AsyncLocalStorage<Speech>()) as AsyncLocalStorage<Speech>;

export function inLocale<T>(locale: Locale, run: () => T, digits: Digits = "latn"): T {
  return speech.run({ locale, digits }, run);
}

/**
 * The language of a page's render, set by its door (`pageContext`): a page renders inside Next's
 * own request scope, which `inLocale` cannot wrap, so its reads find the language in React's
 * per-request cache instead. Outside a render (a job, the command line, a test) the cache keeps
 * nothing, and the default language holds.
 */
const pageSpeech = cache((): { value: Speech | null } => ({ value: null }));

export function enterLocale(locale: Locale, digits: Digits = "latn"): void {
  pageSpeech().value = { locale, digits };
}

function currentSpeech(): Speech | undefined {
  return speech.getStore() ?? pageSpeech().value ?? undefined;
}

export function currentLocale(): Locale {
  return currentSpeech()?.locale ?? DEFAULT_LOCALE;
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
  const store = currentSpeech();
  return (translatorFor(store?.locale ?? DEFAULT_LOCALE, store?.digits ?? "latn") as unknown as (k: string, v?: unknown) => string)(key, values);
}) as Translator;

/** Numbers and dates in the current request's language. */
export function formatterNow() {
  const store = currentSpeech();
  const locale = store?.locale ?? DEFAULT_LOCALE;
  return createFormatter({ locale: formattingLocale(CATALOGUES[locale].meta.formatLocale, store?.digits ?? "latn"), timeZone: "UTC", formats: FORMATS });
}

export type { Messages };
