/**
 * Arabic-script folding and rule-based romanisation. Folding removes the spelling freedom that
 * Arabic orthography allows without changing the name (hamza seats, ta marbuta, diacritics);
 * romanisation writes the result in the same Latin alphabet that `foldLatinToken` produces, so a
 * name the lexicon does not know can still be compared across scripts on its consonants.
 */

const ALEF_FORMS = /[أإآٱ]/g;
// Tashkeel (fathatan … sukun, U+064B–U+0652), superscript alef (U+0670), tatweel (U+0640).
const MARKS = /[\u064B-\u0652\u0670\u0640]/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Folds the letter variants of Arabic script that do not change a name. Keeps spaces. */
export function normaliseArabic(text: string): string {
  return text
    // NFKC turns presentation forms and ligatures (ﷲ) into plain letters.
    .normalize("NFKC")
    .replace(MARKS, "")
    .replace(ALEF_FORMS, "ا")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .replace(/ء/g, "")
    // Persian and Urdu letters that look like, and in names stand for, the Arabic ones.
    .replace(/[یيۍې]/g, "ي")
    .replace(/[کك]/g, "ك")
    .replace(/ہ|ە/g, "ه")
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(/\s+/g, " ")
    .trim();
}

// Consonants as the comparison alphabet writes them. ع and hamza are left out: Latin sources
// drop them, write them as an apostrophe, or as a vowel, so they carry no reliable signal.
const CONSONANTS: Record<string, string> = {
  ب: "b", ت: "t", ث: "th", ج: "j", ح: "h", خ: "kh", د: "d", ذ: "dh", ر: "r", ز: "z", س: "s",
  ش: "sh", ص: "s", ض: "d", ط: "t", ظ: "z", ع: "", غ: "gh", ف: "f", ق: "k", ك: "k", ل: "l",
  م: "m", ن: "n", ه: "h", پ: "p", چ: "ch", گ: "g", ژ: "zh", ڤ: "v",
};

/**
 * Romanises one normalised Arabic word by rule. Short vowels are not written in Arabic, so the
 * output is a consonant skeleton plus the long vowels (ا و ي) — enough for `skeleton` to compare
 * it with a Latin spelling, not a pronunciation.
 */
export function romaniseArabicToken(word: string): string {
  let out = "";
  const letters = [...word];
  letters.forEach((letter, i) => {
    const last = i === letters.length - 1;
    if (letter === "ا") out += "a";
    // و and ي are consonants at the start of a word, long vowels after a consonant.
    else if (letter === "و") out += i === 0 ? "w" : "u";
    else if (letter === "ي") out += i === 0 ? "y" : "i";
    // A final ه after a consonant is a ta marbuta (folded to ه above): pronounced -a.
    else if (letter === "ه" && last && i > 0 && !"اوي".includes(letters[i - 1])) out += "a";
    else if (letter in CONSONANTS) out += CONSONANTS[letter];
    else if (/[0-9a-z]/.test(letter)) out += letter;
  });
  return out;
}

/** True for letters of the Arabic block (U+0600–U+06FF and the presentation forms). */
export function isArabicLetter(ch: string): boolean {
  return /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(ch) && !/[\u0660-\u0669\u06F0-\u06F9\u060C\u061B\u061F]/.test(ch);
}
