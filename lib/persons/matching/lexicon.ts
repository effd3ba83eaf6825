/**
 * The curated name lexicon, indexed for lookup. A token found here gets the entry's key, which
 * is what makes Mohammad, محمد and Mhd one name and keeps Mohammad and Mahmoud two, whatever
 * their consonants share. Lookups are strict (a spelling, or a rule fold only one entry has): a
 * looser lookup would turn Ballan into Bilal and Awwad into Jawad, and a wrong key is worse than
 * none, since unknown words are still compared on their spelling.
 */
import { normaliseArabic, romaniseArabicToken } from "./arabic";
import { skeleton } from "./forms";
import { foldLatinToken, lightFoldLatin } from "./latin";
import { ABD_PARTS, DIN_PARTS, FAMILY_NAMES } from "./lexicon-family";
import { FEMALE_NAMES } from "./lexicon-female";
import { GIVEN_NAMES } from "./lexicon-given";

export type LexiconEntry = { key: string; arabic: string[]; latin: string[]; folds: Set<string>; skeletons: Set<string> };
export type LexiconHit = { key: string; entry: LexiconEntry };

class Lexicon {
  readonly entries = new Map<string, LexiconEntry>();
  readonly conflicts: string[] = [];
  private readonly arabic = new Map<string, string>();
  private readonly latin = new Map<string, string>();
  private readonly folded = new Map<string, Set<string>>();
  private readonly skeletonOwners = new Map<string, Set<string>>();

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
      for (const form of entry.skeletons) this.skeletonOwners.set(form, (this.skeletonOwners.get(form) ?? new Set()).add(key));
    }
  }

  private claim(index: Map<string, string>, form: string, key: string) {
    const owner = index.get(form);
    if (owner && owner !== key) this.conflicts.push(`${form}: ${owner} / ${key}`);
    else index.set(form, key);
  }

  private hit(key: string | undefined): LexiconHit | null {
    return key ? { key, entry: this.entries.get(key)! } : null;
  }

  /** A normalised Arabic word. */
  arabicWord(word: string): LexiconHit | null {
    return this.hit(this.arabic.get(word));
  }

  /** A light-folded Latin word: its exact spelling, else its rule fold when only one entry has
   * that fold (Mohamad → muhammad; Amar, which folds like both Amer and Ammar, stays unknown). */
  latinWord(word: string): LexiconHit | null {
    const exact = this.latin.get(word);
    if (exact) return this.hit(exact);
    const owners = this.folded.get(foldLatinToken(word));
    return owners?.size === 1 ? this.hit([...owners][0]) : null;
  }

  /** The one entry with this consonant skeleton, if only one has it: a blocking key for an
   * unknown word that is probably a misspelling of a known name. */
  bySkeleton(form: string): string | null {
    const owners = this.skeletonOwners.get(form);
    return owners?.size === 1 ? [...owners][0] : null;
  }
}

export const NAMES = new Lexicon(`${GIVEN_NAMES}\n${FEMALE_NAMES}\n${FAMILY_NAMES}`);
export const ABD = new Lexicon(ABD_PARTS);
export const DIN_KEYS = new Set(DIN_PARTS.split(" "));
