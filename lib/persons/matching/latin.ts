/**
 * Latin transliteration folding. Sources write one Arabic name many ways (Mohammad, Muhammad,
 * Mohamed; Haidar, Hayder; Youssef, Yusuf); these rules map the common variants onto one
 * comparison form. They are deliberately coarse — e and i, o and u, single and doubled letters
 * meet — so the lexicon, not these rules, keeps apart names that differ only in a vowel
 * (Jamil/Jamal, Samer/Samir).
 */

const APOSTROPHES = /['’‘`ʿʾʼ´ʻ\u02BE\u02BF]/g;

/** Lower case, no diacritics (ā ḥ ṣ → a h s), no apostrophes (ʿayn, hamza) or hyphens. */
export function lightFoldLatin(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(APOSTROPHES, "")
    .replace(/[^a-z0-9]/g, "");
}

/** The ordered folding rules; each is one spelling habit of transliterators. */
export const LATIN_RULES: readonly [name: string, apply: (s: string) => string][] = [
  ["French ch and dj (Chadi, Djamal)", (s) => s.replace(/ch/g, "sh").replace(/dj/g, "j")],
  ["ph is f", (s) => s.replace(/ph/g, "f")],
  ["q and ck are k (Qasim, Kassem)", (s) => s.replace(/ck/g, "k").replace(/q/g, "k")],
  ["Egyptian g for j (Gamal), keeping gh", (s) => s.replace(/g(?!h)/g, "j")],
  ["ou, oo and o are u", (s) => s.replace(/ou|oo|o/g, "u")],
  ["ee and ie are i", (s) => s.replace(/ee|ie/g, "i")],
  ["ei and ey are the diphthong ai (Hussein)", (s) => s.replace(/e(?=[iy])/g, "a")],
  ["other e is a (Ahmed, Hayder)", (s) => s.replace(/e/g, "a")],
  ["ay and aw before a consonant are ai, au (Haydar)", (s) => s.replace(/ay(?![aiu])/g, "ai").replace(/aw(?![aiu])/g, "au")],
  ["final -ah (after e→a: -eh) drops the h", (s) => (s.length > 3 ? s.replace(/ah$/, "a") : s)],
  ["final y after a consonant is i (Ramy, Aly)", (s) => s.replace(/([^aiu])y$/, "$1i")],
  ["doubled letters are single (Hassan, Saad)", (s) => s.replace(/(.)\1+/g, "$1")],
];

/** Folds one Latin word to the comparison form by rule (no lexicon). */
export function foldLatinToken(word: string): string {
  return LATIN_RULES.reduce((s, [, apply]) => apply(s), lightFoldLatin(word));
}
