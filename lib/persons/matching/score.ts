/**
 * Whole-name scores. Arabic names are ordered — given, father's, grandfather's…, family — so
 * tokens are compared position by position, never as a bag: "Ali Hassan Deeb" and "Hassan Ali
 * Deeb" are different men. A shorter name may leave out middle names (the grandfather's, then the
 * father's) or the family name; each omission costs, because it also fits other people.
 */
import { explain, type MatchReason } from "./reasons";
import { compareTokens, type TokenMatch } from "./token-similarity";
import { prepareName, type PreparedName } from "./prepare";
import type { Token } from "./token";

/** Measured on labelled-names.json (see labelled-set.test.ts and `npm run bench:names`). */
export const MATCH_THRESHOLD = 0.85;
export const CANDIDATE_THRESHOLD = 0.7;

/** Any token that disagrees outright caps the score here, below CANDIDATE_THRESHOLD: same family
 * and father but another given name is a brother, not a spelling. */
const DISAGREEMENT_CAP = 0.45;
/** Only the grandfather's name (or more) left out: "Mohammad Ali Haidar" for "Mohammad Ali Hassan Haidar". */
const DROPPED_GRANDFATHER = 0.93;
/** Given and family name only: also fits every brother and cousin of the same given name. */
const DROPPED_FATHER = 0.8;
/** No family name: "Mohammad Ali" for "Mohammad Ali Haidar". */
const DROPPED_FAMILY = 0.76;
/** A single name says little about who someone is. */
const SINGLE_NAME = 0.6;

/** Which part of the longer name each part of the shorter one was read as. */
export type Role = "given" | "father" | "grandfather" | "family";
export type Alignment = { pairs: [Token, Token, TokenMatch][]; roles: Role[]; factor: number; omitted: Token[] };

function roleOf(index: number, length: number): Role {
  if (index === 0) return "given";
  if (index === length - 1) return "family";
  return index === 1 ? "father" : "grandfather";
}

function align(short: Token[], long: Token[], indexes: number[], factor: number, swapped: boolean): Alignment {
  // Pairs keep the caller's order (first name's part, second name's part) for explanations.
  const pairs = short.map((t, i): [Token, Token, TokenMatch] => {
    const [x, y] = swapped ? [long[indexes[i]], t] : [t, long[indexes[i]]];
    return [x, y, compareTokens(x, y)];
  });
  const roles = indexes.map((j) => roleOf(j, long.length));
  return { pairs, roles, factor, omitted: long.filter((_, j) => !indexes.includes(j)) };
}

/** Half the mean, half the weakest part: one doubtful part must weigh more than its share of a
 * mean, or two exact parts would carry a third that is probably another name. */
function value(a: Alignment): number {
  const similarities = a.pairs.map(([, , m]) => m.similarity);
  const weakest = Math.min(...similarities);
  const blended = (similarities.reduce((sum, s) => sum + s, 0) / similarities.length + weakest) / 2;
  return weakest === 0 ? Math.min(DISAGREEMENT_CAP, blended * a.factor) : blended * a.factor;
}

/** The best reading of the shorter name against the longer one. */
export function bestAlignment(a: Token[], b: Token[]): Alignment {
  const swapped = a.length > b.length;
  const [short, long] = swapped ? [b, a] : [a, b];
  const m = short.length;
  const n = long.length;
  const prefix = short.map((_, i) => i);
  if (m === n) return align(short, long, prefix, m === 1 ? SINGLE_NAME : 1, swapped);
  if (m === 1) return align(short, long, [0], SINGLE_NAME * DROPPED_FAMILY, swapped);
  const missingMiddle = align(short, long, [...prefix.slice(0, m - 1), n - 1], m >= 3 ? DROPPED_GRANDFATHER ** (n - m) : DROPPED_FATHER, swapped);
  const missingFamily = align(short, long, prefix, DROPPED_FAMILY, swapped);
  return value(missingFamily) > value(missingMiddle) ? missingFamily : missingMiddle;
}

export function scorePrepared(a: PreparedName, b: PreparedName): { score: number; reasons: MatchReason[] } {
  if (a.parts.length === 0 || b.parts.length === 0) return { score: 0, reasons: [] };
  const alignment = bestAlignment(a.parts, b.parts);
  return { score: rounded(alignment), reasons: explain(a, b, alignment) };
}

const rounded = (alignment: Alignment) => Math.round(value(alignment) * 1000) / 1000;

/** What the score reads of a name: its parts but their raw text (kept for reasons). Two names of
 * one scoreKey score alike against every name, so a list need compare them only once. */
export function scoreKey(p: PreparedName): string {
  return JSON.stringify(p.parts.map((t) => [t.script, t.known, t.article, t.key, t.block, t.written, t.folds, t.skeletons]));
}

/** The score alone, without the reasons (which cost as much again): for clustering. */
export function scoreOnly(a: PreparedName, b: PreparedName): number {
  return a.parts.length === 0 || b.parts.length === 0 ? 0 : rounded(bestAlignment(a.parts, b.parts));
}

export function scoreNames(a: string, b: string): { score: number; reasons: MatchReason[] } {
  return scorePrepared(prepareName(a), prepareName(b));
}
