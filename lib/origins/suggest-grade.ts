import type { Grade } from "@/lib/vocabulary";
import type { Origin } from "./compute-origins";

export type OriginSummary = {
  supporting: number;
  contradicting: number;
  suggestedGrade: Grade | null;
  /** Why the suggestion is what it is, in one sentence. */
  because: string;
};

/**
 * The grade the origins and assessments support, by the definitions in ARCHITECTURE.md (*The
 * design the code keeps*). Only credible assessments (1–3 on the Admiralty information scale)
 * count towards support or contradiction.
 */
export function suggestGrade(origins: Origin[]): OriginSummary {
  const supporting = origins.filter((o) => o.credibleSupport).length;
  const contradicting = origins.filter((o) => o.credibleContradiction).length;
  const firstHand = origins.some((o) => o.credibleSupport && o.firstHand);
  const summary = (suggestedGrade: Grade | null, because: string) => ({ supporting, contradicting, suggestedGrade, because });
  if (supporting > 0 && contradicting > 0) {
    return summary("contested", `${supporting} independent origin(s) credibly support it and ${contradicting} credibly contradict it.`);
  }
  if (contradicting > 0) return summary("discounted", `${contradicting} independent origin(s) credibly contradict it and none supports it.`);
  if (supporting >= 2 && firstHand) return summary("confirmed", `${supporting} independent origins support it, at least one first-hand, and nothing credible contradicts it.`);
  if (supporting >= 2) return summary("probable", `${supporting} independent origins support it, none of them first-hand.`);
  if (supporting === 1) return summary("single_source", "One origin supports it so far.");
  return summary(null, origins.length ? "No credible assessment supports or contradicts it yet." : "No evidence yet.");
}

