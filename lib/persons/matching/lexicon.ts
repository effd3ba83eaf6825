/**
 * The curated name lexicon, indexed for lookup. A token found here gets the entry's key, which
 * is what makes Mohammad, محمد and Mhd one name and keeps Mohammad and Mahmoud two, whatever
 * their consonants share. Lookups go from exact to loose: light-folded spelling, then the
 * rule-folded form when it belongs to one entry only, then one edit away from a single entry.
 */
import { normaliseArabic, romaniseArabicToken } from "./arabic";
import { editDistance, skeleton } from "./forms";
import { foldLatinToken, lightFoldLatin } from "./latin";
import { ABD_PARTS, DIN_PARTS, FAMILY_NAMES } from "./lexicon-family";
import { GIVEN_NAMES } from "./lexicon-given";

export type LexiconEntry = { key: string; arabic: string[]; latin: string[]; folds: Set<string>; skeletons: Set<string> };
export type LexiconHit = { key: string; entry: LexiconEntry; close: boolean };

class Lexicon {
  readonly entries = new Map<string, LexiconEntry>();
  readonly conflicts: string[] = [];
  private readonly arabic = new Map<string, string>();
  private readonly latin = new Map<string, string>();
  private readonly folded = new Map<string, Set<string>>();
  private readonly fuzzyCache = new Map<string, LexiconHit | null>();

  constructor(table: string) {
    for (const line of table.split("\n")) {
      const [key, arabicPart, latinPart] = line.split("|").map((part) => part.trim());
      if (!key || latinPart === undefined) continue;
      const arabic = arabicPart.split(" ").filter(Boolean).map(normaliseArabic);
      const latin = [key, ...latinPart.split(" ").filter(Boolean)].map(lightFoldLatin);
      const entry = this.entries.get(key) ?? { key, arabic: [], latin: [], folds: new Set(), skeletons: new Set() };
      this.entries.set(key, entry);
      entry.arabic.push(...arabic);
      entry.latin.push(...latin);
      for (const form of arabic) this.claim(this.arabic, form, key);
      for (const form of latin) this.claim(this.latin, form, key);
      for (const form of latin) entry.folds.add(foldLatinToken(form));
      for (const form of [...entry.folds, ...arabic.map(romaniseArabicToken)]) entry.skeletons.add(skeleton(form));
      for (const fold of entry.folds) this.folded.set(fold, (this.folded.get(fold) ?? new Set()).add(key));
    }
  }

  private claim(index: Map<string, string>, form: string, key: string) {
    const owner = index.get(form);
    if (owner && owner !== key) this.conflicts.push(`${form}: ${owner} / ${key}`);
    else index.set(form, key);
  }

  private hit(key: string | undefined, close = false): LexiconHit | null {
    return key ? { key, entry: this.entries.get(key)!, close } : null;
  }

  /** A normalised Arabic word. */
  arabicWord(word: string): LexiconHit | null {
    return this.hit(this.arabic.get(word));
  }

  /** A light-folded Latin word: exact spelling, else its rule fold if only one entry has it,
   * else (for words of 5+ letters) one edit from the fold of exactly one entry. */
  latinWord(word: string): LexiconHit | null {
    const exact = this.latin.get(word);
    if (exact) return this.hit(exact);
    const fold = foldLatinToken(word);
    const owners = this.folded.get(fold);
    if (owners) return owners.size === 1 ? this.hit([...owners][0]) : null;
    if (fold.length < 5) return null;
    if (!this.fuzzyCache.has(fold)) {
      if (this.fuzzyCache.size > 50_000) this.fuzzyCache.clear(); // bounded in a long-lived process
      const near = new Set<string>();
      for (const [other, keys] of this.folded) if (editDistance(fold, other, 1) <= 1) keys.forEach((k) => near.add(k));
      this.fuzzyCache.set(fold, near.size === 1 ? this.hit([...near][0], true) : null);
    }
    return this.fuzzyCache.get(fold)!;
  }
}

export const NAMES = new Lexicon(`${GIVEN_NAMES}\n${FAMILY_NAMES}`);
export const ABD = new Lexicon(ABD_PARTS);
export const DIN_KEYS = new Set(DIN_PARTS.split(" "));
