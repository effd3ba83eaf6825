import Link from "next/link";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { directionOf, LOCALES } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";

/**
 * "Not found" said in every language, reading nothing of the request: for addresses that match no
 * page, and for a public page that finds nothing, where a cached page must not read the request.
 */
export function EveryLanguageNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-12 px-4 py-16 text-center">
      {LOCALES.map((locale) => {
        const t = CATALOGUES[locale].notFound;
        return (
          <section key={locale} lang={locale} dir={directionOf(locale)}>
            <h1>{t.title}</h1>
            <p className="mt-2 text-stone-600">{t.body}</p>
            <p className="mt-6"><Link href={publicPath(locale, "/")}>{t.home}</Link></p>
          </section>
        );
      })}
    </div>
  );
}
