/**
 * One part of a name (given, father's, grandfather's or family name) in comparison form. A token
 * the lexicon knows carries the entry's key; any other carries its rule form (Latin fold, or
 * Arabic romanised by rule) and is compared more loosely, on folds and consonant skeletons.
 */
import { normaliseArabic, romaniseArabicToken } from "./arabic";
import { skeleton } from "./forms";
import { foldLatinToken, lightFoldLatin } from "./latin";
import { ABD, DIN_KEYS, NAMES, type LexiconHit } from "./lexicon";

export type Token = {
  /** As written, for explanations (compounds joined with a space). */
  raw: string;
  script: "arabic" | "latin";
  /** Comparison form: the lexicon key, or the rule form of an unknown word. */
  key: string;
  known: boolean;
  /** Blocking form: the lexicon key, else the one entry sharing the skeleton, else ~skeleton. */
  block: string;
  /** Written with the article (الحسن, al-Hassan). */
  article: boolean;
  /** The word after script normalisation (normaliseArabic, or lightFoldLatin). */
  written: string;
  /** Latin folds and consonant skeletons this token may stand for. */
  folds: string[];
  skeletons: string[];
};

export type Word = { text: string; script: "arabic" | "latin"; original: string };

function fromHit(raw: string, word: Word, hit: LexiconHit, article: boolean, prefix = ""): Token {
  const key = prefix + hit.key;
  const folds = prefix ? [key] : [...hit.entry.folds];
  const skeletons = prefix ? [skeleton(key)] : [...hit.entry.skeletons];
  return { raw, script: word.script, key, known: true, block: key, article, folds, skeletons, written: word.text };
}

function unknown(raw: string, word: Word, form: string, article: boolean): Token {
  const folds = word.script === "latin" ? [form] : [];
  const main = skeleton(form);
  // Latin spellings often drop a final h (Waddah, Wadah): an Arabic final ح or ه may be absent.
  const skeletons = word.script === "arabic" && main.endsWith("h") ? [main, main.slice(0, -1)] : [main];
  const block = NAMES.bySkeleton(main) ?? `~${main}`;
  return { raw, script: word.script, key: form, known: false, block, article, folds, skeletons, written: word.text };
}

/** One word, or the joined parts of a compound, to a token. `article` if an article preceded it. */
export function resolveWord(raw: string, word: Word, article: boolean): Token | null {
  if (word.script === "arabic") {
    const text = word.text;
    const direct = NAMES.arabicWord(text);
    if (direct) return fromHit(raw, word, direct, article);
    if (text.startsWith("عبد") && text.length > 4) return abdCompound(raw, word, text.slice(3).replace(/^ال/, ""));
    if (text.startsWith("ال") && text.length > 3) return resolveWord(raw, { ...word, text: text.slice(2) }, true);
    return text ? unknown(raw, word, romaniseArabicToken(text), article) : null;
  }
  const text = word.text;
  const direct = NAMES.latinWord(text);
  if (direct) return fromHit(raw, word, direct, article);
  const abd = /^abd(?:oul|ul|el|al|il|ol|ou|u|e|a|o)?(.{3,})$/.exec(text);
  if (abd) return abdCompound(raw, word, abd[1]);
  const joinedArticle = /^(?:al|el)(.{3,})$/.exec(text);
  if (joinedArticle && NAMES.latinWord(joinedArticle[1])) return resolveWord(raw, { ...word, text: joinedArticle[1] }, true);
  return text ? unknown(raw, word, foldLatinToken(text), article) : null;
}

/** `Abd` + the rest of the compound, article already removed (Latin rests may still show the
 * assimilated article as a doubled first letter: Abdurrahman). */
export function abdCompound(raw: string, word: Word, rest: string): Token {
  const restWord = word.script === "latin" ? rest.replace(/^(.)\1/, "$1") : rest;
  const hit = word.script === "latin" ? ABD.latinWord(restWord) : ABD.arabicWord(restWord);
  if (hit) return fromHit(raw, word, hit, false, "abd");
  const form = word.script === "latin" ? foldLatinToken(restWord) : romaniseArabicToken(restWord);
  return unknown(raw, word, `abd${form}`, false);
}

/** A `… al-Din` compound from its first part, when that part is one of the usual ones. */
export function dinCompound(raw: string, first: Token): Token | null {
  if (!first.known || !DIN_KEYS.has(first.key)) return null;
  const key = `${first.key}din`;
  return { ...first, raw, key, block: key, folds: [key], skeletons: [skeleton(key)] };
}

/** Normalises one word of either script for `resolveWord`. */
export function toWord(text: string, script: "arabic" | "latin"): Word {
  return { text: script === "arabic" ? normaliseArabic(text).replace(/ /g, "") : lightFoldLatin(text), script, original: text };
}
