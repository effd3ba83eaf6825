import { describe, expect, it } from "vitest";
import { GIVEN_NAMES } from "./lexicon-given";
import { MAX_COMPARISONS_PER_NAME, reconcile } from "./reconcile";

/**
 * Hostile lists for reconcile (issue 14): thousands of names in one block must not cost the square
 * of their number. Before the bound, 20,000 copies of one name made 2·10⁸ pairs and ended in
 * "RangeError: Map maximum size exceeded" after a minute, holding the server's event loop.
 */

const N = 20_000;
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";
const arabicNumber = (n: number) => String(n).replace(/\d/g, (d) => ARABIC_DIGITS[Number(d)]);
const entries = (names: string[]) => names.map((name, i) => ({ id: `n${i}`, name }));

/** Latin spellings of the lexicon's given names, one per entry: distinct men's names. */
const LEXICON_GIVEN = GIVEN_NAMES.split("\n")
  .map((line) => line.split("|").map((part) => part.trim()))
  .filter((parts) => parts.length === 3 && parts[2])
  .map(([, , latin]) => latin.split(" ")[0]);

/** Scored pairs a name measured on these lists (at most about 21): a guard well under the proven
 * MAX_COMPARISONS_PER_NAME, so a change that makes real work grow shows here. */
const MEASURED_PER_NAME = 24;

function expectBounded(result: { comparisons: number }, n: number) {
  expect(result.comparisons).toBeLessThanOrEqual(MAX_COMPARISONS_PER_NAME * n);
  expect(result.comparisons).toBeLessThanOrEqual(MEASURED_PER_NAME * n);
}

/** Cluster members as input positions, for readable expectations. */
const positions = (clusters: string[][]) => clusters.map((c) => c.map((id) => Number(id.slice(1))));

describe("reconcile against hostile lists", { timeout: 60_000 }, () => {
  it("puts 20,000 copies of one name in one cluster, comparing them once", () => {
    const result = reconcile(entries(Array.from({ length: N }, () => "Mohammad Ali Haidar")));
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]).toHaveLength(N);
    expect(result.clusters[0][0]).toBe("n0");
    expect(result.comparisons).toBeLessThanOrEqual(1);
  });

  it("reads 20,000 numbered lines (Ali <n> Hassan) as one name: numbers are not names", () => {
    const result = reconcile(entries(Array.from({ length: N }, (_, i) => `Ali ${i} Hassan`)));
    expect(positions(result.clusters)).toEqual([Array.from({ length: N }, (_, i) => i)]);
    expectBounded(result, N);
  });

  it("keeps two people apart in 20,000 numbered Arabic and Latin lines", () => {
    // Even lines one man in Arabic with Arabic-Indic numbers, odd lines another in Latin letters.
    const names = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? `علي ${arabicNumber(i)} حسن` : `Khaled ${i} Haidar`));
    const result = reconcile(entries(names));
    expect(positions(result.clusters)).toEqual([
      Array.from({ length: N / 2 }, (_, k) => 2 * k),
      Array.from({ length: N / 2 }, (_, k) => 2 * k + 1),
    ]);
    expectBounded(result, N);
  });

  it("keeps apart thousands of different men who share given, father's and family name", () => {
    // Ali <father> <grandfather> Hassan: one block of 14,640 names (ali|hassan), and groups of 183
    // per father, every name another man (a different grandfather caps the score).
    const fathers = LEXICON_GIVEN.slice(0, 80);
    const grandfathers = LEXICON_GIVEN;
    expect(grandfathers.length).toBeGreaterThan(150);
    const names = fathers.flatMap((f) => grandfathers.map((g) => `Ali ${f} ${g} Hassan`));
    // Some lexicon entries share a first spelling with another entry's: count distinct names.
    const distinct = new Set(names.map((n) => n.toLowerCase()));
    const result = reconcile(entries(names));
    expectBounded(result, names.length);
    expect(result.clusters.length).toBeGreaterThanOrEqual(distinct.size * 0.99);
    for (const cluster of result.clusters) {
      const members = new Set(cluster.map((id) => names[Number(id.slice(1))].split(" ")[1]));
      // No cluster joins two fathers.
      expect(members.size).toBe(1);
    }
  });

  it("bounds the work on thousands of near-identical spellings in one group", () => {
    // Vowel variants share a consonant skeleton, so they block alike: one group of thousands of
    // distinct names that score high against one another.
    const vowels = ["a", "e", "i", "o", "u", "aa", "ee", "ou", "ai", "ia"];
    const names: string[] = [];
    for (const a of vowels) for (const b of vowels) for (const c of vowels) for (const d of vowels) names.push(`Ali Kh${a}l${b}d Hass${c}n D${d}b`);
    for (const a of vowels) for (const b of vowels) for (const c of vowels) names.push(`علي خالد حسن ديب ${a}${b}${c}`);
    const result = reconcile(entries(names));
    expectBounded(result, names.length);
    expect(result.clusters.flat().sort()).toEqual(entries(names).map((e) => e.id).sort());
  });

  it("keeps the clusters of a list when every name comes a thousand times", () => {
    const people = ["Mohammad Ali Haidar", "محمد علي حيدر", "Mahmoud Ali Haidar", "Mohammad Haidar", "Mohammad Hassan Haidar", "Ali"];
    const base = reconcile(entries(people)).clusters.map((c) => c.map((id) => people[Number(id.slice(1))]));
    const copies = Array.from({ length: 1000 * people.length }, (_, i) => people[i % people.length]);
    const result = reconcile(entries(copies));
    expectBounded(result, copies.length);
    // The single name "Ali" matches nothing, not even itself: each copy stays alone.
    const many = result.clusters.filter((c) => c.length > 1).map((c) => [...new Set(c.map((id) => copies[Number(id.slice(1))]))]);
    expect(many).toEqual(base.filter((c) => c[0] !== "Ali"));
    expect(result.clusters.filter((c) => copies[Number(c[0].slice(1))] === "Ali")).toHaveLength(1000);
    for (const cluster of result.clusters.filter((c) => c.length > 1)) expect(cluster).toHaveLength(1000 * new Set(cluster.map((id) => copies[Number(id.slice(1))])).size);
  });
});
