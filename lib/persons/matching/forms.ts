/**
 * Script-independent views of a comparison form. `skeleton` keeps only consonants, the part of a
 * name that Arabic script writes and every transliteration keeps, so Arabic romanised by rule and
 * a Latin spelling can meet. It is coarse (Mohammad and Mahmoud share "mhmd"), so it is only used
 * for tokens the lexicon does not know, and scores lower than a lexicon match.
 */

/** Consonant skeleton of a comparison form: digraphs as one letter, vowels and w/y (after the
 * first letter) dropped, doubled letters single. */
export function skeleton(form: string): string {
  const s = form.replace(/kh/g, "x").replace(/gh/g, "G").replace(/sh/g, "S").replace(/th/g, "T").replace(/dh/g, "D");
  const head = /[aeiou]/.test(s[0] ?? "") ? "" : (s[0] ?? "");
  return (head + s.slice(1).replace(/[aeiouyw]/g, "")).replace(/(.)\1+/g, "$1");
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/** Consonants and `a`, digraphs as one letter: what `readsAs` compares. */
function consonantsAndA(form: string): string {
  const s = form.replace(/kh/g, "x").replace(/gh/g, "G").replace(/sh/g, "S").replace(/th/g, "T").replace(/dh/g, "D");
  const head = /[aeiou]/.test(s[0] ?? "") ? "" : (s[0] ?? "");
  return head + s.slice(1).replace(/[eiouwy]/g, "");
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/**
 * Whether a Latin spelling can be a reading of an Arabic word romanised by rule. Arabic writes
 * consonants and long vowels; the Latin adds short vowels. So every consonant and every long ā
 * (ا) must be found in the Latin, in order: Samia may be سمية, but Sumaya cannot be سامية. The
 * long ī and ū are not required (a hamza seat also becomes ي or و), nor a final ه, which may be
 * a ta marbuta (-a) or an h.
 */
export function readsAs(arabic: string, latin: string): boolean {
  const a = consonantsAndA(arabic);
  const l = consonantsAndA(latin);
  return isSubsequence(a, l) || (a.endsWith("h") && isSubsequence(a.slice(0, -1), l));
}
