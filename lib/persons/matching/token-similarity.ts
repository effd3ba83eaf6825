/**
 * How far two tokens agree, with the kind of agreement. Two lexicon names agree only if they are
 * the same entry: the lexicon's job is precisely to say that Mohammad and Mahmoud differ. A token
 * the lexicon does not know is compared on its fold (Latin), its skeleton (across scripts) and
 * edit distance, each a weaker signal than the one before — and weaker still against a lexicon
 * name, since an unknown word with a known name's consonants is as often another name (Somar,
 * Samer) as a new spelling of it.
 */
import { editDistance, readsAs } from "./forms";
import type { Token } from "./token";

export type TokenAgreement = "same" | "variant" | "cross_script" | "close" | "none";
export type TokenMatch = { similarity: number; agreement: TokenAgreement };

/** The article (الحسن ~ حسن, al-Hassan ~ Hassan) is a weak signal: a small discount, not a miss. */
const ARTICLE_DISCOUNT = 0.03;

const NONE: TokenMatch = { similarity: 0, agreement: "none" };

/** Arabic spelling is standard: two spellings of one unknown name differ at most by a doubled
 * long vowel (داود, داوود). Any other difference — even an alef (سامية, سمية) — is another name. */
const singleVowels = (s: string) => s.replace(/و+/g, "و").replace(/ي+/g, "ي");

const shareSkeleton = (a: Token, b: Token) => a.skeletons.some((s) => s !== "" && b.skeletons.includes(s));
const nearSkeleton = (a: Token, b: Token) =>
  a.skeletons.some((s) => s.length >= 3 && b.skeletons.some((t) => t.length >= 3 && editDistance(s, t, 1) <= 1));
const nearFold = (a: Token, b: Token) =>
  Math.min(a.key.length, b.key.length) >= 4 && a.folds.some((f) => b.folds.some((g) => editDistance(f, g, 1) <= 1));

function compare(a: Token, b: Token): TokenMatch {
  const crossScript = a.script !== b.script;
  if (a.known && b.known) {
    if (a.key !== b.key) return NONE;
    if (crossScript) return { similarity: 1, agreement: "cross_script" };
    return { similarity: 1, agreement: a.written === b.written ? "same" : "variant" };
  }
  if (a.script === "arabic" && b.script === "arabic") {
    if (a.written === b.written) return { similarity: 1, agreement: "same" };
    return singleVowels(a.written) === singleVowels(b.written) ? { similarity: 0.9, agreement: "variant" } : NONE;
  }
  const bothUnknown = !a.known && !b.known;
  if (bothUnknown && a.script === b.script && a.key === b.key) return { similarity: 1, agreement: "same" };
  if (bothUnknown && a.folds.some((f) => b.folds.includes(f))) return { similarity: 0.95, agreement: "variant" };
  if (!crossScript) {
    // Two Latin spellings: their vowels are evidence too (Samia is not Sumaya), so the fold decides.
    if (nearFold(a, b)) return { similarity: bothUnknown ? 0.85 : 0.75, agreement: "close" };
    return shareSkeleton(a, b) && bothUnknown ? { similarity: 0.75, agreement: "close" } : NONE;
  }
  if (shareSkeleton(a, b)) {
    if (!bothUnknown) return { similarity: 0.7, agreement: "close" };
    const [arabic, latin] = a.script === "arabic" ? [a, b] : [b, a];
    return readsAs(arabic.key, latin.key) ? { similarity: 0.9, agreement: "cross_script" } : { similarity: 0.75, agreement: "close" };
  }
  if (bothUnknown && nearSkeleton(a, b)) return { similarity: 0.72, agreement: "close" };
  return NONE;
}

export function compareTokens(a: Token, b: Token): TokenMatch {
  const match = compare(a, b);
  return a.article !== b.article && match.similarity > 0 ? { ...match, similarity: match.similarity - ARTICLE_DISCOUNT } : match;
}
