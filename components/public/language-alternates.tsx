import { LOCALES } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";

/**
 * The page's address in every language (`hreflang` alternates, and `x-default` for the default
 * language's), so search engines and readers' tools find the other versions. React puts the links
 * in the document's head. Absolute when the site knows its public address (PUBLIC_URL).
 */
export function LanguageAlternates({ path, origin }: { path: string; origin: string | undefined }) {
  const base = origin?.replace(/\/$/, "") ?? "";
  return (
    <>
      {LOCALES.map((locale) => (
        <link key={locale} rel="alternate" hrefLang={locale} href={`${base}${publicPath(locale, path)}`} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${base}${path}`} />
    </>
  );
}
