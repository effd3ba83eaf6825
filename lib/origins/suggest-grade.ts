import type { Grade } from "@/lib/vocabulary";
import type { Origin } from "./compute-origins";

export type OriginSummary = {
  supporting: number;
  contradicting: number;
  suggestedGrade: Grade | null;
  /** Why the suggestion is what it is, in one sentence. */
  because: string;
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
  const summary = (suggestedGrade: Grade | null, because: string, limitedBy: OriginSummary["limitedBy"] = null): OriginSummary => ({
    supporting,
    contradicting,
    suggestedGrade,
    because,
    limitedBy,
  });
  if (supporting > 0 && contradicting > 0) {
    return summary("contested", `${supporting} independent origin(s) credibly support it and ${contradicting} credibly contradict it.`);
  }
  if (contradicting > 0) return summary("discounted", `${contradicting} independent origin(s) credibly contradict it and none supports it.`);
  if (counted.length >= 2 && anchored && firstHand) {
    return summary("confirmed", `${counted.length} independent origins support it, at least one first-hand, and nothing credible contradicts it.`);
  }
  if (counted.length >= 2 && anchored) {
    // A first-hand origin that would make it confirmed, held back by an axis.
    const held = credible.some((o) => o.firstHand) ? weakHold(credible, counted) : null;
    if (held) return summary("probable", `${counted.length} independent origins support it; the first-hand one does not count yet: ${held.why}.`, held.axis);
    return summary("probable", `${counted.length} independent origins support it, none of them first-hand.`);
  }
  if (supporting >= 2) {
    const held = weakHold(credible, counted) ?? { axis: "source_reliability" as const, why: "its sources are all rated E or F" };
    return summary("single_source", `${supporting} origins support it, but not enough to say more: ${held.why}.`, held.axis);
  }
  if (supporting === 1) return summary("single_source", "One origin supports it so far.");
  return summary(null, origins.length ? "No credible assessment supports or contradicts it yet." : "No evidence yet.");
}

/** Why supporting origins did not count for more, naming the axis that held them. */
function weakHold(credible: Origin[], counted: Origin[]): { axis: "source_reliability" | "credibility"; why: string } | null {
  const dropped = credible.length - counted.length;
  if (dropped > 0) {
    return { axis: "credibility", why: `${dropped} of them rest${dropped === 1 ? "s" : ""} on sources rated E or F and ${dropped === 1 ? "is" : "are"} assessed only 3 (possibly true); 1–2 would count` };
  }
  if (counted.length > 0 && counted.every((o) => o.weakSources)) {
    return { axis: "source_reliability", why: "every source behind them is rated E or F; at least one better-rated source, or material held first-hand, is needed" };
  }
  return null;
}
