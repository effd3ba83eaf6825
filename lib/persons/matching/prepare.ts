/**
 * From a raw name to its ordered tokens and blocking keys. Arabic names are ordered (given name,
 * father's, grandfather's…, family name), so the token order is kept; connectors (bin, ابن) are
 * dropped, articles are remembered on the token they precede, and `Abd …`, `Abu …` and `… al-Din`
 * compounds become one token however they are spaced.
 */
import { isArabicLetter } from "./arabic";
import { skeleton } from "./forms";
import { dinCompound, resolveWord, toWord, type Token, type Word } from "./token";

export type NameScript = "arabic" | "latin" | "mixed" | "other";
export type PreparedName = { raw: string; script: NameScript; tokens: string[]; keys: string[]; parts: Token[] };

/** Longer input is cut: no real name needs more, and work stays bounded. */
const MAX_CHARS = 200;
const MAX_TOKENS = 8;

const CONNECTORS = new Set(["bin", "ben", "ibn", "bn", "bint", "bent", "بن", "ابن", "بنت"]);
const ARTICLES = new Set(["al", "el", "il", "ul", "ad", "ed", "ash", "esh", "as", "es", "at", "et", "ath", "adh", "ar", "er", "an", "en", "az", "ez", "ال"]);
const ABD = new Set(["abd", "abdul", "abdel", "abdal", "abdil", "abdol", "abdoul", "عبد"]);
const ABU = new Set(["abu", "abou", "abo", "ابو"]);
/** Prefixes that make one name of two words (ذو الفقار, Dhu al-Fiqar = Zulfiqar). */
const JOINING = new Set(["dhu", "dhou", "zu", "zou", "thu", "ذو"]);
const DIN = new Set(["din", "deen", "dine", "ddin", "ddine", "eddin", "eddine", "uddin", "addin", "iddin", "edin", "edine", "الدين", "دين"]);

export function detectScript(text: string): NameScript {
  let arabic = false;
  let latin = false;
  for (const ch of text) {
    if (isArabicLetter(ch)) arabic = true;
    else if (/\p{L}/u.test(ch)) latin ||= /\p{Script=Latin}/u.test(ch);
  }
  if (arabic && latin) return "mixed";
  return arabic ? "arabic" : latin ? "latin" : "other";
}

/** Words in order, each in one script. "Haidar, Mohammad Ali" (family name first, as indexes
 * and some lists write it) is turned back round. */
function words(raw: string): Word[] {
  let text = raw.slice(0, MAX_CHARS);
  const comma = text.split(/[,،]/);
  if (comma.length === 2 && comma[0].trim() && comma[1].trim()) text = `${comma[1]} ${comma[0]}`;
  return text
    .replace(/([\u0600-\u06FF]+)/g, " $1 ")
    .split(/[\s\-–—_.,،;:()[\]{}"“”/\\|]+/)
    .filter(Boolean)
    .map((part) => toWord(part, [...part].some(isArabicLetter) ? "arabic" : "latin"))
    // Words without letters (an age, a list number) are not part of a name.
    .filter((word) => /[a-z\u0621-\u064A]/.test(word.text));
}

export function tokenise(raw: string): Token[] {
  const list = words(raw);
  const tokens: Token[] = [];
  let article = false;
  for (let i = 0; i < list.length && tokens.length < MAX_TOKENS; i++) {
    const word = list[i];
    const hasNext = i + 1 < list.length;
    // Connectors only say "son/daughter of"; an article alone, with nothing after it, names no one.
    if (CONNECTORS.has(word.text)) continue;
    const previous = tokens[tokens.length - 1];
    if (DIN.has(word.text) && previous) {
      const joined = dinCompound(`${previous.raw} ${word.original}`, previous);
      if (joined) {
        tokens[tokens.length - 1] = joined;
        article = false;
        continue;
      }
    }
    if (ARTICLES.has(word.text)) {
      article = true;
      continue;
    }
    if ((JOINING.has(word.text) || ABD.has(word.text)) && hasNext) {
      // Written apart, read as written together: عبد الله = عبدالله, Abd al-Rahman = Abdalrahman.
      let next = list[++i];
      if (ARTICLES.has(next.text) && i + 1 < list.length) next = { ...list[i + 1], text: next.text + list[++i].text };
      const joined = { ...next, text: word.text + next.text, original: `${word.original} ${next.original}` };
      const token = resolveWord(joined.original, joined, false);
      if (token) tokens.push(token);
      article = false;
      continue;
    }
    if (ABU.has(word.text) && hasNext) {
      let next = list[++i];
      if (ARTICLES.has(next.text) && i + 1 < list.length) next = list[++i];
      const inner = resolveWord(`${word.original} ${next.original}`, next, false);
      if (inner) {
        const key = `abu${inner.key}`;
        tokens.push({ ...inner, key, block: key, folds: [key], skeletons: [skeleton(key)] });
      }
      article = false;
      continue;
    }
    const token = resolveWord(word.original, word, article);
    article = false;
    if (token) tokens.push(dinSuffixed(token) ?? token);
  }
  return joinCompoundGiven(tokens);
}

/** Syrian compound given names (محمد نور, Mohammad Kheir) are one name, not a name and a father's
 * name — except as the last two words, where the second is the family name (Nour, Kheir). */
const COMPOUND_GIVEN: Record<string, string[]> = { muhammad: ["nur", "khayyir"] };

function joinCompoundGiven(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [first, second] = [tokens[i], tokens[i + 1]];
    if (second && i + 2 < tokens.length && COMPOUND_GIVEN[first.key]?.includes(second.key)) {
      const key = first.key + second.key;
      out.push({ ...first, raw: `${first.raw} ${second.raw}`, written: first.written + second.written, key, block: key, folds: [key], skeletons: [skeleton(key)] });
      i++;
    } else out.push(first);
  }
  return out;
}

/** Joined `… al-Din` compounds (Noureddine, نورالدين): split off the suffix and rejoin. */
function dinSuffixed(token: Token): Token | null {
  if (token.known) return null;
  const text = token.written;
  const match = token.script === "arabic" ? /^(.{2,})الدين$/.exec(text) : /^(.{2,}?)(?:[aeiou]?l|[aeiou])?d{1,2}(?:i|ee|ie|y)ne?$/.exec(text);
  if (!match) return null;
  const first = resolveWord(match[1], { text: match[1], script: token.script, original: match[1] }, false);
  return first ? dinCompound(token.raw, first) : null;
}

/** Blocking keys: ordered pairs of tokens (given+father, given+family, father+family); a
 * one-token name is its own key. Two spellings of one person share at least one key. A token the
 * lexicon does not know is keyed by the one lexicon name with its consonant skeleton, or else by
 * the skeleton itself (marked ~), which both scripts share. */
export function keysOf(tokens: Token[]): string[] {
  const k = tokens.map((t) => t.block.slice(0, 30));
  if (k.length === 0) return [];
  if (k.length === 1) return [k[0]];
  const last = k.length - 1;
  const pairs = [[0, 1], [0, last], [1, last]].filter(([i, j]) => i < j);
  return [...new Set(pairs.map(([i, j]) => `${k[i]}|${k[j]}`))];
}

export function prepareName(raw: string): PreparedName {
  const parts = tokenise(raw);
  return { raw, script: detectScript(raw), tokens: parts.map((t) => t.key), keys: keysOf(parts), parts };
}

export function blockingKeys(raw: string): string[] {
  return prepareName(raw).keys;
}
