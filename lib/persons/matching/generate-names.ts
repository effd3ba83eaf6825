/**
 * Synthetic name lists for benchmarks: people with given, father's, sometimes grandfather's and
 * family names drawn from the lexicon (common names more often, as in real lists), about 30% of
 * them written 2–4 times in different spellings — Arabic script or a Latin transliteration, with
 * or without the article, the connector bin, or the grandfather's name. Deterministic per seed.
 */
import { FAMILY_NAMES } from "./lexicon-family";
import { FEMALE_NAMES } from "./lexicon-female";
import { GIVEN_NAMES } from "./lexicon-given";

type Spellings = { arabic: string[]; latin: string[] };

function parse(table: string): Spellings[] {
  return table
    .split("\n")
    .map((line) => line.split("|").map((part) => part.trim()))
    .filter((parts) => parts.length === 3 && parts[1] && parts[2])
    .map(([, arabic, latin]) => ({ arabic: arabic.split(" "), latin: latin.split(" ") }));
}

const MEN = parse(GIVEN_NAMES);
const WOMEN = parse(FEMALE_NAMES);
const FAMILY = [...parse(FAMILY_NAMES), ...MEN.slice(0, 60)];

/** mulberry32: a small seeded generator, so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateNames(count: number, seed = 1): { id: string; name: string; personIndex: number }[] {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  // Rank-skewed: the first names of the table (Muhammad, Ahmad, Mahmoud…) come up far more often.
  const skewed = <T>(list: T[]) => list[Math.floor(list.length * next() ** 2.5)];

  const spell = (person: Spellings[]): string => {
    const arabic = next() < 0.35;
    const parts = person.filter((_, i) => !(i === 2 && person.length === 4 && next() < 0.5));
    const words = parts.map((name, i) => {
      const word = arabic ? pick(name.arabic) : pick(name.latin);
      const last = i === parts.length - 1;
      if (last && next() < 0.2) return arabic ? `ال${word}` : `${pick(["al-", "el-", "Al "])}${word}`;
      if (i === 1 && next() < 0.05) return `${arabic ? "بن" : "bin"} ${word}`;
      return word;
    });
    return words.join(" ");
  };

  const out: { id: string; name: string; personIndex: number }[] = [];
  for (let person = 0; out.length < count; person++) {
    const given = next() < 0.3 ? skewed(WOMEN) : skewed(MEN);
    const parts = [given, skewed(MEN), ...(next() < 0.25 ? [skewed(MEN)] : []), pick(FAMILY)];
    const copies = next() < 0.3 ? 2 + Math.floor(next() * 3) : 1;
    for (let c = 0; c < copies && out.length < count; c++) out.push({ id: `g${out.length}`, name: spell(parts), personIndex: person });
  }
  return out;
}
