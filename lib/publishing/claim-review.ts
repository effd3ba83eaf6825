import { DEFAULT_LOCALE, isLocale, PRODUCT_NAME } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import type { Grade } from "@/lib/vocabulary";
import type { PublicEntryDto } from "./public-entries";

/** Our grades on schema.org's 1–5 rating scale, best first. */
export const GRADE_RATING: Record<Grade, number> = { confirmed: 5, probable: 4, single_source: 3, contested: 2, discounted: 1 };

/**
 * The page's words for the review: its language (the address's), the grade's name and meaning, the
 * scale and "retracted". English and Arabic pages each describe the entry in their own language.
 */
export type ReviewWords = {
  language: string;
  gradeName: (grade: Grade) => string;
  /** The grade's meaning followed by the whole scale, one sentence. */
  explanation: (grade: Grade) => string;
  retracted: string;
};

/**
 * schema.org ClaimReview for an entry page (what fact-check aggregators read): the claim reviewed,
 * our grade as the rating with its scale, where the claim appeared, who reviewed it and when. The
 * claim is quoted in the page's language when a current translation says it in that language
 * (`inLanguage` says which), else in its own; a translation out of date with its original is not
 * given to a machine that cannot read the page's note saying so.
 */
export function buildClaimReview(entry: PublicEntryDto & { firstPublishedAt: string }, origin: string, words: ReviewWords) {
  const translation = entry.translations?.[words.language];
  const quoted = translation && !translation.outdated && entry.language.split("-")[0] !== words.language ? { ...translation, language: words.language } : entry;
  const rating = entry.grade ? GRADE_RATING[entry.grade] : null;
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: `${origin}${publicPath(isLocale(words.language) ? words.language : DEFAULT_LOCALE, entry.url)}`,
    claimReviewed: quoted.title,
    datePublished: entry.firstPublishedAt,
    dateModified: entry.publishedAt,
    author: { "@type": "Organization", name: PRODUCT_NAME, url: origin },
    reviewBody: quoted.summary,
    inLanguage: quoted.language,
    itemReviewed: {
      "@type": "Claim",
      name: quoted.title,
      ...(entry.incidentDate.from ? { temporalCoverage: entry.incidentDate.to ? `${entry.incidentDate.from}/${entry.incidentDate.to}` : entry.incidentDate.from } : {}),
      ...(entry.place.name ? { spatialCoverage: { "@type": "Place", name: entry.place.name } } : {}),
      appearance: (entry.appearances ?? []).map((url) => ({ "@type": "CreativeWork", url })),
    },
    ...(entry.grade && rating
      ? {
          reviewRating: {
            "@type": "Rating",
            ratingValue: entry.isRetracted ? undefined : rating,
            bestRating: 5,
            worstRating: 1,
            alternateName: entry.isRetracted ? words.retracted : words.gradeName(entry.grade),
            ratingExplanation: words.explanation(entry.grade),
          },
        }
      : {}),
  };
}

/** JSON for a <script> element: "<" escaped, so no text in an entry can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
