import { getRequestConfig } from "next-intl/server";
import { CATALOGUES } from "./catalogues";
import { chosenLanguage } from "./chosen-language";
import { FORMATS } from "./formats";
import { digitsOf, formattingLocale, languageOf } from "./locales";

/**
 * next-intl's per-request configuration (named in next.config.ts). A public page names its
 * language (the address's `[locale]`, handed to every next-intl call there as `locale`), and is
 * rendered in it without reading cookies or headers, so it stays cacheable. Every other page
 * speaks the chosen language (lib/i18n/chosen-language.ts). `setRequestLocale` is not relied on:
 * with Next 16 the page's own calls can reach here before the layout has set it.
 */
export default getRequestConfig(async ({ locale: named }) => {
  const { locale, digits } = named ? { locale: languageOf(named), digits: digitsOf(named) } : await chosenLanguage();
  const messages = CATALOGUES[locale];
  // The locale next-intl formats with is the full tag ("ar-u-ca-gregory-nu-arab"): the catalogue's
  // formatting locale, the Gregorian calendar and the digits chosen. `languageOf` gives "ar" back.
  return { locale: formattingLocale(messages.meta.formatLocale, digits), messages, timeZone: "UTC", formats: FORMATS };
});
