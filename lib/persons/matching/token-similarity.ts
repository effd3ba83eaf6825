/**
 * How far two tokens agree, with the kind of agreement. Two lexicon names agree only if they are
 * the same entry: the lexicon's job is precisely to say that Mohammad and Mahmoud differ. A token
 * the lexicon does not know is compared on its fold (Latin), its skeleton (across scripts) and
 * edit distance, each a weaker signal than the one before.
 */
import { editDistance } from "./forms";
import type { Token } from "./token";

export type TokenAgreement = "same" | "variant" | "cross_script" | "close" | "none";
export type TokenMatch = { similarity: number; agreement: TokenAgreement };

/** The article (الحسن ~ حسن, al-Hassan ~ Hassan) is a weak signal: a small discount, not a miss. */
const ARTICLE_DISCOUNT = 0.03;

const NONE: TokenMatch = { similarity: 0, agreement: "none" };

function raw(a: Token, b: Token): TokenMatch {
  const crossScript = a.script !== b.script;
  if (a.known && b.known) {
    if (a.key !== b.key) return NONE;
    if (crossScript) return { similarity: 1, agreement: "cross_script" };
    const identical = a.written === b.written;
    return { similarity: 1, agreement: identical ? "same" : "variant" };
  }
  if (a.script === b.script && a.key === b.key) return { similarity: 1, agreement: "same" };
  if (a.folds.some((f) => b.folds.includes(f))) return { similarity: 0.95, agreement: "variant" };
  if (a.skeletons.some((s) => b.skeletons.includes(s))) {
    return { similarity: 0.88, agreement: crossScript ? "cross_script" : "variant" };
  }
  if (!crossScript && a.script === "latin" && Math.min(a.key.length, b.key.length) >= 4) {
    if (a.folds.some((f) => b.folds.some((g) => editDistance(f, g, 1) <= 1))) return { similarity: 0.8, agreement: "close" };
  }
  const longSkeletons = (s: string) => s.length >= 3;
  if (a.skeletons.filter(longSkeletons).some((s) => b.skeletons.some((t) => longSkeletons(t) && editDistance(s, t, 1) <= 1))) {
    return { similarity: 0.72, agreement: "close" };
  }
  return NONE;
}

export function compareTokens(a: Token, b: Token): TokenMatch {
  const match = raw(a, b);
  return a.article !== b.article && match.similarity > 0 ? { ...match, similarity: match.similarity - ARTICLE_DISCOUNT } : match;
}
