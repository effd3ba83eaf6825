import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getSignedIn } from "@/lib/auth/current-actor";
import { DEFAULT_LOCALE, type Digits, isLocale, LOCALE_COOKIE, type Locale, negotiateLocale } from "./locales";

export type ChosenLanguage = { locale: Locale; digits: Digits };

/**
 * The language of this request's pages and messages: the signed-in person's setting, else the
 * language switch's cookie, else the browser's Accept-Language, else the default. Read once per
 * request, from the same row as the session check. (Public pages kept in a cache do not come here: their address names the language.)
 */
export const chosenLanguage = cache(async (): Promise<ChosenLanguage> => {
  const preference = (await getSignedIn())?.language;
  const digits = preference?.digits ?? "latn";
  if (preference?.locale) return { locale: preference.locale, digits };
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return { locale: cookie, digits };
  return { locale: negotiateLocale((await headers()).get("accept-language")) ?? DEFAULT_LOCALE, digits };
});
