import type { Grade } from "@/lib/vocabulary";
import type { PublicEntryDto } from "./public-entries";

/** Our grades on schema.org's 1–5 rating scale, best first. */
export const GRADE_RATING: Record<Grade, { value: number; name: string }> = {
  confirmed: { value: 5, name: "Confirmed" },
  probable: { value: 4, name: "Probable" },
  single_source: { value: 3, name: "Single source" },
  contested: { value: 2, name: "Contested" },
  discounted: { value: 1, name: "Discounted" },
};

const SCALE =
  "5 confirmed (two or more independent origins, one first-hand, no credible contradiction); 4 probable (two or more independent origins); 3 single source (one origin); 2 contested (credible support and contradiction); 1 discounted (shown false, staged or misattributed).";

/**
 * schema.org ClaimReview for an entry page (what fact-check aggregators read): the claim reviewed,
 * our grade as the rating with its scale, where the claim appeared, who reviewed it and when.
 */
export function buildClaimReview(entry: PublicEntryDto & { firstPublishedAt: string }, origin: string, meaning: string | null) {
  const rating = entry.grade ? GRADE_RATING[entry.grade] : null;
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: `${origin}${entry.url}`,
    claimReviewed: entry.title,
    datePublished: entry.firstPublishedAt,
    dateModified: entry.publishedAt,
    author: { "@type": "Organization", name: "Corroborate", url: origin },
    reviewBody: entry.summary,
    inLanguage: entry.language,
    itemReviewed: {
      "@type": "Claim",
      name: entry.title,
      ...(entry.incidentDate.from ? { temporalCoverage: entry.incidentDate.to ? `${entry.incidentDate.from}/${entry.incidentDate.to}` : entry.incidentDate.from } : {}),
      ...(entry.place.name ? { spatialCoverage: { "@type": "Place", name: entry.place.name } } : {}),
      appearance: (entry.appearances ?? []).map((url) => ({ "@type": "CreativeWork", url })),
    },
    ...(rating
      ? {
          reviewRating: {
            "@type": "Rating",
            ratingValue: entry.isRetracted ? undefined : rating.value,
            bestRating: 5,
            worstRating: 1,
            alternateName: entry.isRetracted ? "Retracted" : rating.name,
            ratingExplanation: `${meaning ?? ""} Scale: ${SCALE}`.trim(),
          },
        }
      : {}),
  };
}

/** JSON for a <script> element: "<" escaped, so no text in an entry can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
