import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { EntryFilters, type EntryFilterValues } from "@/components/public/entry-filters";
import { FormMessage } from "@/components/ui/form";
import { isAppError } from "@/lib/errors/app-error";
import { isLocale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { readPublicEntries } from "@/lib/publishing/public-cache";
import { LanguageAlternates } from "@/components/public/language-alternates";
import { env } from "@/lib/env";

type Search = EntryFilterValues & { cursor?: string };

export default async function PublicHome({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Search> }) {
  // Read at request time: a build must never bake the database into this page.
  await connection();
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const [t, { words, formats }] = await Promise.all([getTranslations({ locale, namespace: "public" }), getSpeech(locale)]);
  const raw = await searchParams;
  const first = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const filters: EntryFilterValues = { q: first(raw.q), kind: first(raw.kind), grade: first(raw.grade), place: first(raw.place), from: first(raw.from), to: first(raw.to) };
  const cursor = first(raw.cursor);
  let problem: string | null = null;
  const result = await readPublicEntries({ ...filters, cursor }).catch((error) => {
    if (!isAppError(error)) throw error;
    problem = Object.values(error.details.fieldErrors ?? {}).flat()[0] ?? error.message;
    return { items: [], nextCursor: null };
  });
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-8">
      <LanguageAlternates path="/" origin={env.PUBLIC_URL} />
      <div>
        <h1 className="text-3xl">{t("heading")}</h1>
        <p className="mt-2 max-w-2xl text-stone-600">{t("intro")}</p>
      </div>
      <EntryFilters values={filters} locale={locale} />
      {problem ? <FormMessage tone="error" message={t("badFilters", { problem })} /> : null}
      {result.items.length === 0 ? (
        <EmptyState title={filtered ? t("noMatch") : t("nothingYet")} />
      ) : (
        <ul className="space-y-4" data-testid="public-entries">
          {result.items.map((entry) => (
            <li key={entry.slug} className="rounded-lg border border-stone-200 bg-white p-5" data-testid="public-entry">
              <div className="flex flex-wrap gap-2 text-xs text-stone-600">
                <span>{words.kind(entry.kind)}</span>
                {entry.grade ? <span>· {words.grade(entry.grade)}</span> : null}
                {entry.origins ? <span>· {t("origins", { count: entry.origins.count })}</span> : null}
                {entry.isRetracted ? <span className="font-semibold text-rose-800">· {t("retracted")}</span> : null}
                {entry.version > 1 && !entry.isRetracted ? <span>· {t("corrected", { version: entry.version })}</span> : null}
              </div>
              {/* In the reader's language when the entry has a translation into it (the entry page says so). */}
              <h2 className="mt-1 text-lg" dir="auto" lang={entry.translations[locale] ? locale : entry.language}>
                <Link href={publicPath(locale, entry.url)} className="text-stone-900">{entry.translations[locale]?.title ?? entry.title}</Link>
              </h2>
              <p className="mt-1 text-sm text-stone-600">
                {entry.place.name ? <bdi>{entry.place.name}</bdi> : null}
                {entry.place.name && entry.incidentDate.from ? " · " : null}
                {formats.incidentDate(entry.incidentDate)}
              </p>
              <p className="mt-1 text-xs text-stone-600">{t("updated", { date: formats.date(entry.publishedAt) })}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager basePath={publicPath(locale, "/")} params={filters} nextCursor={result.nextCursor} isFirstPage={!cursor} />
    </div>
  );
}
