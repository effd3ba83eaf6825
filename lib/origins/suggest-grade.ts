import type { Grade } from "@/lib/vocabulary";
import type { Origin } from "./compute-origins";

/** What held supporting origins back (see `weakHold`). */
export type GradeHold = { axis: "credibility"; dropped: number } | { axis: "source_reliability"; brief?: true };

/** Why a suggestion is what it is, as data: one case of `suggestGrade`'s, with its counts. */
export type GradeReason =
  | { key: "contested"; supporting: number; contradicting: number }
  | { key: "discounted"; contradicting: number }
  | { key: "confirmed"; counted: number }
  | { key: "probable"; counted: number }
  | { key: "probableHeld"; counted: number; hold: GradeHold }
  | { key: "singleHeld"; supporting: number; hold: GradeHold }
  | { key: "single" }
  | { key: "unassessed" }
  | { key: "noEvidence" };

export type OriginSummary = {
  supporting: number;
  contradicting: number;
  suggestedGrade: Grade | null;
  /** Why the suggestion is what it is, in one English sentence (the API's `because`). */
  because: string;
  /** The same reason as data, for the interface to say in the reader's language. */
  reason: GradeReason;
  /**
   * Which Admiralty axis holds the suggestion below what the count of origins alone would give:
   * the sources' reliability (only E or F behind the support) or the items' credibility (weakly
   * sourced items assessed only 3). Null when nothing holds it back.
   */
  limitedBy: "source_reliability" | "credibility" | null;
};

/**
 * The grade the origins and assessments support, by the definitions in ARCHITECTURE.md (*The
 * design the code keeps*), weighing both Admiralty axes (the methodology page says it the same
 * way):
 * - only credible assessments (1–3 on the information scale) count towards support or
 *   contradiction;
 * - an origin whose sources are all rated E or F (`weakSources`) counts towards *probable* and
 *   *confirmed* only when its item is assessed 1–2, and never alone: either grade needs at least
 *   one supporting origin from a better-rated source, or one with no source behind it (material
 *   the team holds first-hand);
 * - one supporting origin of any kind is *single source*.
 * The editor keeps the final say: the grade is theirs, with its rationale.
 */
export function suggestGrade(origins: Origin[]): OriginSummary {
  const credible = origins.filter((o) => o.credibleSupport);
  const supporting = credible.length;
  const contradicting = origins.filter((o) => o.credibleContradiction).length;
  const counted = credible.filter((o) => !o.weakSources || o.strongSupport);
  const anchored = counted.some((o) => !o.weakSources);
  const firstHand = counted.some((o) => o.firstHand);
  const summary = (suggestedGrade: Grade | null, reason: GradeReason, because: string, limitedBy: OriginSummary["limitedBy"] = null): OriginSummary => ({
    supporting,
    contradicting,
    suggestedGrade,
    because,
    reason,
    limitedBy,
  });
  if (supporting > 0 && contradicting > 0) {
    return summary("contested", { key: "contested", supporting, contradicting }, `${supporting} independent origin(s) credibly support it and ${contradicting} credibly contradict it.`);
  }
  if (contradicting > 0) return summary("discounted", { key: "discounted", contradicting }, `${contradicting} independent origin(s) credibly contradict it and none supports it.`);
  if (counted.length >= 2 && anchored && firstHand) {
    return summary("confirmed", { key: "confirmed", counted: counted.length }, `${counted.length} independent origins support it, at least one first-hand, and nothing credible contradicts it.`);
  }
  if (counted.length >= 2 && anchored) {
    // A first-hand origin that would make it confirmed, held back by an axis.
    const held = credible.some((o) => o.firstHand) ? weakHold(credible, counted) : null;
    if (held) {
      return summary("probable", { key: "probableHeld", counted: counted.length, hold: held.hold }, `${counted.length} independent origins support it; the first-hand one does not count yet: ${held.why}.`, held.hold.axis);
    }
    return summary("probable", { key: "probable", counted: counted.length }, `${counted.length} independent origins support it, none of them first-hand.`);
  }
  if (supporting >= 2) {
    const held = weakHold(credible, counted) ?? { hold: { axis: "source_reliability" as const, brief: true as const }, why: "its sources are all rated E or F" };
    return summary("single_source", { key: "singleHeld", supporting, hold: held.hold }, `${supporting} origins support it, but not enough to say more: ${held.why}.`, held.hold.axis);
  }
  if (supporting === 1) return summary("single_source", { key: "single" }, "One origin supports it so far.");
  return origins.length
    ? summary(null, { key: "unassessed" }, "No credible assessment supports or contradicts it yet.")
    : summary(null, { key: "noEvidence" }, "No evidence yet.");
}

/** Why supporting origins did not count for more, naming the axis that held them. */
function weakHold(credible: Origin[], counted: Origin[]): { hold: GradeHold; why: string } | null {
  const dropped = credible.length - counted.length;
  if (dropped > 0) {
    return { hold: { axis: "credibility", dropped }, why: `${dropped} of them rest${dropped === 1 ? "s" : ""} on sources rated E or F and ${dropped === 1 ? "is" : "are"} assessed only 3 (possibly true); 1–2 would count` };
  }
  if (counted.length > 0 && counted.every((o) => o.weakSources)) {
    return { hold: { axis: "source_reliability" }, why: "every source behind them is rated E or F; at least one better-rated source, or material held first-hand, is needed" };
  }
  return null;
}
