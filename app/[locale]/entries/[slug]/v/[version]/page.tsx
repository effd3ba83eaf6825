import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EntryView } from "@/components/public/entry-view";
import { VersionChanges } from "@/components/public/version-changes";
import { getSpeech } from "@/components/ui/speech-server";
import { isAppError } from "@/lib/errors/app-error";
import { isLocale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { readPublicEntry } from "@/lib/publishing/public-cache";
import { pickPublicEntryVersion } from "@/lib/publishing/public-entries";
import { changeTexts } from "@/lib/publishing/version-changes";
import { LanguageAlternates } from "@/components/public/language-alternates";
import { env } from "@/lib/env";

type Params = { params: Promise<{ locale: string; slug: string; version: string }> };

/** The page's language, the entry (cached, with every version) and the version asked for; 404 when one is missing. */
async function loadVersion(params: Params["params"]) {
  const { locale, slug, version } = await params;
  if (!isLocale(locale)) notFound();
  try {
    const entry = await readPublicEntry(slug);
    return { locale, entry, version: pickPublicEntryVersion(entry, version, changeTexts(locale, { isolate: true })) };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Kept like the entry page: it reads through the cached entry, whose tag a publication, correction or retraction drops. */
export const revalidate = 60;

export async function generateStaticParams(): Promise<{ slug: string; version: string }[]> {
  return [];
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale, version } = await loadVersion(params);
  const t = await getTranslations({ locale, namespace: "entry.versionPage" });
  return { title: t("metaTitle", { title: version.title, version: version.version, versions: version.versions }), description: version.summary.slice(0, 200) };
}

/**
 * One version of a public entry at its own address: that version's snapshot exactly, marked as
 * such when it is not the current one, with what it changed against the version before.
 */
export default async function EntryVersionPage({ params }: Params) {
  const { locale, entry, version } = await loadVersion(params);
  const [t, { formats }] = await Promise.all([getTranslations({ locale, namespace: "entry.versionPage" }), getSpeech(locale)]);
  const entryPage = publicPath(locale, entry.url);
  return (
    <div className="space-y-8">
      <LanguageAlternates path={`${entry.url}/v/${version.version}`} origin={env.PUBLIC_URL} />
      <div
        role="note"
        className={`rounded-lg border p-4 text-sm ${version.isCurrent ? "border-stone-200 bg-white" : "border-amber-300 bg-amber-50 text-amber-950"}`}
        data-testid="version-banner"
      >
        <p className="font-semibold">{t("banner", { version: version.version, versions: version.versions, current: String(version.isCurrent) })}</p>
        <p className="mt-1">
          {t("published", { change: version.change, date: formats.dateTime(version.publishedAt) })}{" "}
          {version.isCurrent ? (
            <Link href={entryPage}>{t("entryPage")}</Link>
          ) : entry.isRetracted ? (
            t.rich("readCurrentRetracted", { version: entry.version, link: (chunks) => <Link href={entryPage}>{chunks}</Link> })
          ) : (
            <Link href={entryPage}>{t("readCurrent", { version: entry.version })}</Link>
          )}
        </p>
      </div>
      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading">{version.version === 1 ? t("whatPublished") : t("whatChanged", { previous: version.version - 1 })}</h2>
        {version.changeNote ? (
          <p className="text-sm" data-testid="version-change-note">
            <span className="font-medium">{t("note", { change: version.change })}</span>
            <span dir="auto">{version.changeNote}</span>
          </p>
        ) : null}
        {version.version > 1 ? <VersionChanges changes={version.changes} locale={locale} /> : null}
      </section>
      <EntryView entry={{ ...version, firstPublishedAt: entry.firstPublishedAt, history: entry.history }} viewing={version.version} locale={locale} />
    </div>
  );
}
