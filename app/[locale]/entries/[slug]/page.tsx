import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EntryView } from "@/components/public/entry-view";
import { getSpeech } from "@/components/ui/speech-server";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { isLocale } from "@/lib/i18n/locales";
import { buildClaimReview, jsonForScript } from "@/lib/publishing/claim-review";
import { readPublicEntry } from "@/lib/publishing/public-cache";
import { LanguageAlternates } from "@/components/public/language-alternates";

type Params = { params: Promise<{ locale: string; slug: string }> };

/** The page's language (its address's) and the entry; 404 when either is not one we have. */
async function loadEntry(params: Params["params"]) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  const entry = await readPublicEntry(slug).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return { locale, entry };
}

/**
 * Rendered on first request and kept (never at build: no params are listed), so a reader's visit
 * costs no rendering and no database read. Publication, correction and retraction drop it at once
 * (lib/publishing/public-cache.ts); otherwise it is rendered again at most once a minute, which
 * keeps the footer's audit head fresh. One page per language: every word here is asked for in the
 * address's `locale`, never the request's.
 */
export const revalidate = 60;

export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return [];
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale, entry } = await loadEntry(params);
  const t = await getTranslations({ locale, namespace: "entry" });
  // In the page's language when a current translation says it there, as the page itself reads.
  const translation = entry.language.split("-")[0] !== locale ? entry.translations?.[locale] : undefined;
  const { title, summary } = translation && !translation.outdated ? translation : entry;
  return { title: entry.isRetracted ? t("retractedTitle", { title }) : title, description: summary.slice(0, 200) };
}

export default async function EntryPage({ params }: Params) {
  const { locale, entry } = await loadEntry(params);
  // ClaimReview in the page's language, as the page reads (lib/publishing/claim-review.ts).
  const [{ words }, t] = await Promise.all([getSpeech(locale), getTranslations({ locale, namespace: "entry.claimReview" })]);
  const review = buildClaimReview(entry, env.PUBLIC_URL ?? "", {
    language: locale,
    gradeName: words.grade,
    explanation: (grade) => t("explanation", { meaning: words.gradeMeaning(grade) }),
    retracted: t("retracted"),
  });
  return (
    <>
      <LanguageAlternates path={entry.url} origin={env.PUBLIC_URL} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(review) }} />
      <EntryView entry={entry} locale={locale} />
    </>
  );
}
