import Link from "next/link";
import { Bidi } from "@/components/ui/bidi";
import type { Locale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import type { PublicEntryDto, PublicEntryVersionDto } from "@/lib/publishing/public-entries";
import { EntryMap } from "./entry-map";
import { EntryEvidence, EntryFigures, EntryPersons } from "./entry-sections";
import { entrySpeech } from "./entry-speech";

export type EntryViewData = PublicEntryDto & { firstPublishedAt: string; history: PublicEntryVersionDto[] };

/**
 * A public entry as readers see it; the editor's preview shows the same component (`preview`: its
 * newest version is not published, so versions are not linked). Each version of the history links
 * to its own address; `viewing` marks the one a version's page shows. A public page passes its
 * address's `locale`; the preview passes none and is shown in the reader's chosen language. The
 * entry's own text (title, summary, places, notes) is data in its own language: `dir="auto"`.
 */
export async function EntryView({ entry, preview = false, viewing, locale }: { entry: EntryViewData; preview?: boolean; viewing?: number; locale?: Locale }) {
  const { t, words, formats, language } = await entrySpeech(locale);
  const incident = formats.incidentDate(entry.incidentDate);
  // The entry in the reader's language: its translation when it is written in another one.
  const original = entry.language.split("-")[0];
  const translated = original !== language;
  const translation = translated ? entry.translations?.[language] : undefined;
  const { latitude, longitude } = entry.place;
  return (
    <article className="space-y-8">
      {entry.isRetracted ? (
        <div role="note" className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-rose-950" data-testid="retraction-banner">
          <p className="font-semibold">{t("retractedOn", { date: formats.dateTime(entry.publishedAt) })}</p>
          {entry.changeNote ? <p className="mt-1" dir="auto">{entry.changeNote}</p> : null}
        </div>
      ) : null}
      <header className="space-y-2">
        <p className="text-sm text-stone-600">
          {t("byline", { kind: words.kind(entry.kind), version: entry.version, date: formats.dateTime(entry.firstPublishedAt) })}
        </p>
        <h1 className="text-3xl" dir="auto" lang={translation ? language : entry.language} data-testid="entry-title">{translation?.title ?? entry.title}</h1>
      </header>
      {translated ? (
        <div role="note" className="rounded-md border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700" data-testid="translation-note">
          {translation
            ? translation.outdated
              ? t("translationOutdated", { language: words.languageName(original) })
              : t("translatedFrom", { language: words.languageName(original) })
            : t("noTranslation", { language: words.languageName(original) })}
        </div>
      ) : null}
      <p className="whitespace-pre-line text-lg leading-relaxed text-stone-800" dir="auto" lang={translation ? language : entry.language}>{translation?.summary ?? entry.summary}</p>
      {translation ? (
        <details className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm" data-testid="original-text" open={translation.outdated}>
          <summary className="cursor-pointer text-stone-700">{t("readOriginal", { language: words.languageName(original) })}</summary>
          <p className="mt-2 font-medium" dir="auto" lang={entry.language}>{entry.title}</p>
          <p className="mt-1 whitespace-pre-line" dir="auto" lang={entry.language}>{entry.summary}</p>
        </details>
      ) : null}
      <dl className="grid gap-4 rounded-lg border border-stone-200 bg-white p-5 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-stone-600">{t("ourGrade")}</dt>
          <dd className="font-medium" data-testid="entry-grade">{entry.grade ? words.grade(entry.grade) : words.notGraded()}</dd>
          {entry.grade ? (
            <dd className="mt-1 text-stone-700">
              {words.gradeMeaning(entry.grade)} <Link href={publicPath(language, "/methodology#grades")}>{t("howWeGrade")}</Link>
            </dd>
          ) : null}
        </div>
        <div>
          <dt className="text-stone-600">{t("when")}</dt>
          <dd>{incident ?? t("notEstablished")}</dd>
        </div>
        <div>
          <dt className="text-stone-600">{t("where")}</dt>
          {entry.place.name ? <dd dir="auto">{entry.place.name}</dd> : <dd>{t("notEstablished")}</dd>}
        </div>
      </dl>
      {latitude !== null && longitude !== null ? <EntryMap latitude={latitude} longitude={longitude} precision={entry.place.precision} name={entry.place.name} /> : null}
      <EntryFigures figures={entry.figures} locale={locale} />
      <EntryPersons persons={entry.persons} locale={locale} />
      <EntryEvidence evidence={entry.evidence} origins={entry.origins} locale={locale} />
      {entry.appearances?.length ? (
        <section aria-labelledby="appearances-heading" className="space-y-2">
          <h2 id="appearances-heading">{t("appearances")}</h2>
          <ul className="list-disc space-y-1 ps-5 text-sm">
            {entry.appearances.map((url) => (
              <li key={url} className="break-all"><a href={url} rel="noopener noreferrer nofollow"><Bidi>{url}</Bidi></a></li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading">{t("history")}</h2>
        <ol className="space-y-2" data-testid="entry-history">
          {[...entry.history].reverse().map((v) => (
            <li key={v.version} className="rounded-md border border-stone-200 bg-white px-4 py-3 text-sm">
              <p>
                {preview || v.version === viewing ? (
                  <span className="font-medium" aria-current={v.version === viewing ? "page" : undefined}>{t("version", { version: v.version })}</span>
                ) : (
                  <Link className="font-medium" href={publicPath(language, `/entries/${entry.slug}/v/${v.version}`)}>{t("version", { version: v.version })}</Link>
                )}{" "}
                · {t("change", { change: v.change })} ·{" "}
                <time dateTime={v.publishedAt}>{formats.dateTime(v.publishedAt)}</time>
              </p>
              {v.changeNote ? <p className="mt-1 text-stone-700" dir="auto">{v.changeNote}</p> : null}
              {v.change !== "retraction" && v.snapshot.title !== entry.title ? (
                <p className="mt-1 text-stone-600">{t.rich("titleThen", { title: v.snapshot.title, bdi: (chunks) => <bdi>{chunks}</bdi> })}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
