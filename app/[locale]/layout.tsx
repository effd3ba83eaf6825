import "../globals.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Document } from "@/components/layout/document";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { PublicFooter } from "@/components/layout/public-footer";
import { isLocale, LOCALES, PRODUCT_NAME } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { siteMetadata } from "@/lib/i18n/site-metadata";

type Params = { params: Promise<{ locale: string }> };

/**
 * One public site per language. Any other first segment is sent by proxy.ts to an address no
 * route has (app/global-not-found.tsx answers it): not `dynamicParams = false`, which would hold
 * for the entry pages below, rendered on first request, and not only `notFound()` here, which in a
 * root layout gets Next's own bare 404.
 */
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Params) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return siteMetadata(locale);
}

/**
 * The public site, in the language its address names: every next-intl call under `[locale]` is
 * given that `locale` (lib/i18n/request.ts), so no cookie or header is read and cached entry pages
 * stay one HTML per language.
 */
export default async function PublicLayout({ children, params }: Params & { children: React.ReactNode }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = await getTranslations({ locale, namespace: "publicSite" });
  return (
    <Document locale={locale} part="public">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-4">
          <Link href={publicPath(locale, "/")} className="font-semibold tracking-wide text-stone-900 no-underline">
            {PRODUCT_NAME}
          </Link>
          <nav aria-label={t("navLabel")} className="flex flex-wrap items-center gap-4 text-sm">
            <Link href={publicPath(locale, "/methodology")}>{t("howWeWork")}</Link>
            {/* A full page load, not a client-side move: the workspace then starts in a document
                under the per-request nonce policy, not in a cached entry page's (lib/security). */}
            <a href="/login">{t("signIn")}</a>
            <LanguageSwitch current={locale} />
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-10">{children}</main>
      <PublicFooter locale={locale} />
    </Document>
  );
}
