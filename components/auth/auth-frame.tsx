import Link from "next/link";
import { getLocale } from "next-intl/server";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { languageOf, PRODUCT_NAME } from "@/lib/i18n/locales";

/**
 * The frame of the sign-in pages (signing in, a forgotten password, a reset, an invitation): the
 * product's name, the language switch, and a heading with what to do, unless the page writes its own.
 */
export async function AuthFrame({ heading, intro, children }: { heading?: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 flex items-center justify-between gap-3">
        <Link href="/" className="text-sm font-semibold tracking-wide text-stone-900 no-underline">
          {PRODUCT_NAME}
        </Link>
        <LanguageSwitch current={languageOf(await getLocale())} />
      </div>
      {heading ? <h1>{heading}</h1> : null}
      {intro ? <p className="mb-6 mt-1 text-sm text-stone-600">{intro}</p> : null}
      {children}
    </main>
  );
}
