/**
 * The interface's languages, and how a request's language is chosen. Each has a catalogue,
 * `messages/<locale>.json`, whose `meta` says how it formats dates and numbers; a third language
 * is its catalogue, and its code and own name here. Safe on the client: no server module is imported.
 */
export const LOCALES = ["ar", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** The product's name, the same in every language (a name, like a person's, is not translated). */
export const PRODUCT_NAME = "Corroborate";

/** Each language in its own name and script, as the language switch offers it. */
export const LOCALE_NAMES: Record<Locale, string> = { ar: "العربية", en: "English" };

/**
 * The language of a request that says nothing (no setting, no cookie, no Accept-Language): API
 * scripts and command-line tools, which are written and read in English. Every browser sends
 * Accept-Language, so a reader whose browser asks for Arabic gets Arabic.
 */
export const DEFAULT_LOCALE: Locale = "en";

/** Arabic text's digits: Latin (1,383) or Arabic-Indic (١٬٣٨٣), each person's setting. */
export const DIGITS = ["latn", "arab"] as const;
export type Digits = (typeof DIGITS)[number];

/** The cookie the language switch sets, for readers and for people not signed in. */
export const LOCALE_COOKIE = "corroborate-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isDigits(value: unknown): value is Digits {
  return typeof value === "string" && (DIGITS as readonly string[]).includes(value);
}

/** A person's language setting: a language, or null for "follow my browser", and the digits. */
export type LanguagePreference = { locale: Locale | null; digits: Digits };

/** The setting as stored (users.locale, users.digits); a value we no longer have reads as the default. */
export function languagePreferenceOf(row: { locale: string | null; digits: string } | undefined): LanguagePreference {
  return { locale: isLocale(row?.locale) ? row.locale : null, digits: isDigits(row?.digits) ? row.digits : "latn" };
}

/** Right to left for Arabic (and any other such script), from the locale data itself. */
export function directionOf(locale: string): "rtl" | "ltr" {
  const tag = new Intl.Locale(locale) as Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };
  const info = tag.getTextInfo?.() ?? tag.textInfo;
  return info?.direction === "rtl" ? "rtl" : "ltr";
}

/**
 * The first language of an Accept-Language header (by quality, then order) that we have, matched
 * on its base language ("ar-SY" is Arabic); null when none is ours. A header is bounded in size and
 * entries, so a hostile one costs nothing.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .slice(0, 512)
    .split(",", 32)
    .map((part, order) => {
      const [range, ...params] = part.trim().split(";");
      // A weight (RFC 9110: 0 to 1, three decimals at most); one that is not a weight drops the range.
      const weight = params.find((p) => /^\s*q\s*=/i.test(p));
      const q = weight === undefined ? 1 : Number(/^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(weight)?.[1] ?? 0);
      return { base: range.trim().toLowerCase().split("-")[0], q, order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranges.map((r) => r.base).find(isLocale) ?? null;
}

/**
 * The tag `Intl` formats with: the catalogue's formatting locale ("en-GB" writes "12 March 2025"),
 * always the Gregorian calendar (incident dates are Gregorian whatever the reader's locale would
 * pick), and the person's digits in Arabic.
 */
export function formattingLocale(base: string, digits: Digits): string {
  return `${base}-u-ca-gregory-nu-${digits}`;
}

/** The interface language of a formatting tag ("ar-u-ca-gregory-nu-arab" → "ar"; "en-GB" → "en"). */
export function languageOf(tag: string): Locale {
  const language = tag.split("-")[0].toLowerCase();
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

/** The digits a formatting tag names ("…-nu-arab"); Latin when it names none. */
export function digitsOf(tag: string): Digits {
  const digits = /-nu-([a-z]+)/.exec(tag)?.[1];
  return isDigits(digits) ? digits : "latn";
}
