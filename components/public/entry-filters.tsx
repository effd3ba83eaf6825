import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, inputClass } from "@/components/ui/form";
import { getSpeech } from "@/components/ui/speech-server";
import type { Locale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { CLAIM_KINDS, GRADES } from "@/lib/vocabulary";

export type EntryFilterValues = { kind?: string; grade?: string; place?: string; q?: string; from?: string; to?: string };

/**
 * The public list's filters: a plain GET form, so it works without JavaScript and links can be
 * shared. It stays in the page's language: it is sent to the list's own address in that language.
 */
export async function EntryFilters({ values, locale }: { values: EntryFilterValues; locale: Locale }) {
  const [t, { words }] = await Promise.all([getTranslations({ locale, namespace: "public.filters" }), getSpeech(locale)]);
  const active = Object.values(values).some(Boolean);
  const home = publicPath(locale, "/");
  return (
    <form method="get" action={home} role="search" aria-label={t("label")} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-6">
      <label className="space-y-1 sm:col-span-2">
        <span className="block text-stone-700">{t("search")}</span>
        <input name="q" defaultValue={values.q} dir="auto" className={inputClass} placeholder={t("searchPlaceholder")} />
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">{t("kind")}</span>
        <select name="kind" defaultValue={values.kind ?? ""} className={inputClass}>
          <option value="">{t("any")}</option>
          {CLAIM_KINDS.map((k) => <option key={k} value={k}>{words.kind(k)}</option>)}
        </select>
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">{t("grade")}</span>
        <select name="grade" defaultValue={values.grade ?? ""} className={inputClass}>
          <option value="">{t("any")}</option>
          {GRADES.map((g) => <option key={g} value={g}>{words.grade(g)}</option>)}
        </select>
      </label>
      <label className="space-y-1 sm:col-span-2">
        <span className="block text-stone-700">{t("place")}</span>
        <input name="place" defaultValue={values.place} dir="auto" className={inputClass} placeholder={t("placePlaceholder")} />
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">{t("from")}</span>
        <input type="date" name="from" defaultValue={values.from} className={inputClass} />
      </label>
      <label className="space-y-1">
        <span className="block text-stone-700">{t("to")}</span>
        <input type="date" name="to" defaultValue={values.to} className={inputClass} />
      </label>
      <div className="flex items-end gap-3 sm:col-span-4">
        <button type="submit" className={buttonClass.primary}>{t("submit")}</button>
        {active ? <Link href={home}>{t("clear")}</Link> : null}
      </div>
    </form>
  );
}
