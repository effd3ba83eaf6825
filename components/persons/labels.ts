import type { NamePublicationBasis, PersonRole } from "@/lib/vocabulary";

/**
 * English only, kept for the pages not yet in the catalogues (the public entry, the audit
 * timeline). The persons' pages take these words in the reader's language from `useVocabulary()`
 * and `useFormats()` (components/ui/speech.ts).
 */

export const ROLE_LABEL: Record<PersonRole, string> = {
  victim: "Victim (killed)",
  missing: "Missing",
  injured: "Injured",
  perpetrator: "Perpetrator",
  witness: "Witness",
};

export const ROLE_PLURAL: Record<PersonRole, string> = {
  victim: "Victims",
  missing: "Missing",
  injured: "Injured",
  perpetrator: "Perpetrators",
  witness: "Witnesses",
};

/** A match score as people read it. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** Why a name may be published (lib/persons/set-visibility.ts). */
export const BASIS_LABEL: Record<NamePublicationBasis, string> = {
  already_public: "Already public",
  family_consent: "Family consent",
  other: "Other (stated)",
};
