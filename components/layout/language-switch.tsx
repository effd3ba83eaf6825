"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { chooseLanguageAction } from "@/app/language-actions";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";

/**
 * The header's language switch: one button per other language, each named in its own language and
 * script. A form, so it works before (and without) the scripts; the action remembers the choice and
 * comes back to this page in it.
 */
export function LanguageSwitch({ current }: { current: Locale }) {
  const t = useTranslations("language");
  const pathname = usePathname();
  return (
    <form action={chooseLanguageAction} className="flex items-center gap-2" aria-label={t("switchLabel")}>
      <input type="hidden" name="returnTo" value={pathname} />
      {LOCALES.filter((l) => l !== current).map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          className="rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm max-md:min-h-11 max-md:px-4 text-stone-800 hover:border-teal-700 hover:text-teal-800"
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
