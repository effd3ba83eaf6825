import { createHash } from "node:crypto";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

/**
 * Translations of a published entry's public wording (issue 18): its title and summary in the
 * interface languages other than its own. The claim keeps them (`claims.translations`), each with
 * `basedOn`, the digest of the original title and summary it was made from; they change only
 * through a correction under four eyes, and reach the public only through the snapshot, which
 * says of each whether the original has changed since (`outdated`).
 */
export type StoredTranslation = { title: string; summary: string; basedOn: string };
export type StoredTranslations = Partial<Record<Locale, StoredTranslation>>;

/** A translation as the public reads it. */
export type PublicTranslation = { title: string; summary: string; outdated: boolean };

/** What a translation is made from: the SHA-256 of the original's title and summary together. */
export function originalDigest(original: { title: string; summary: string }): string {
  return createHash("sha256").update(JSON.stringify([original.title, original.summary])).digest("hex");
}

/** The language an entry is written in, without its region ("ar-SY" → "ar"): what it is not translated into. */
export function ownLanguage(language: string): string {
  return language.split("-")[0].toLowerCase();
}

/**
 * The stored translations, in one order (the interface languages', then title, summary, basedOn):
 * jsonb keeps keys in its own order, so a record read back compares equal, as JSON, to the one
 * written. Anything else (an unknown language, a malformed value) is dropped.
 */
export function normalTranslations(value: unknown): StoredTranslations {
  const out: StoredTranslations = {};
  if (!value || typeof value !== "object") return out;
  for (const locale of LOCALES) {
    const t = (value as Record<string, Partial<StoredTranslation> | null | undefined>)[locale];
    if (t && typeof t.title === "string" && typeof t.summary === "string" && typeof t.basedOn === "string") {
      out[locale] = { title: t.title, summary: t.summary, basedOn: t.basedOn };
    }
  }
  return out;
}

/**
 * The translations a draft leaves: the claim's, with each one given replaced (stamped with the
 * digest of the original as the same draft leaves it) and each null removed. The others keep
 * their `basedOn`, so a changed original shows them as outdated.
 */
export function translationsAfter(
  current: unknown,
  given: Partial<Record<Locale, { title: string; summary: string } | null | undefined>>,
  original: { title: string; summary: string },
): StoredTranslations {
  const next: Partial<Record<Locale, StoredTranslation | null>> = normalTranslations(current);
  const basedOn = originalDigest(original);
  for (const locale of LOCALES) {
    const translation = given[locale];
    if (translation === null) delete next[locale];
    else if (translation) next[locale] = { title: translation.title, summary: translation.summary, basedOn };
  }
  return normalTranslations(next);
}

/**
 * What the public reads of a claim's translations: each one's title and summary, and whether the
 * original changed since it was made. None into the entry's own language; undefined when there
 * are none, so a snapshot without translations is the one built before they existed.
 */
export function publicTranslations(claim: { title: string; summary: string; language: string; translations?: unknown }): Record<string, PublicTranslation> | undefined {
  const digest = originalDigest(claim);
  const own = ownLanguage(claim.language);
  const entries = Object.entries(normalTranslations(claim.translations))
    .filter(([locale]) => locale !== own)
    .map(([locale, t]) => [locale, { title: t.title, summary: t.summary, outdated: t.basedOn !== digest }] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}
