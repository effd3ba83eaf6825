import type { GradeHold, GradeReason } from "./suggest-grade";

/** A translator of the catalogue's `origins.because` messages. */
export type SayBecause = (key: string, values?: Record<string, string | number>) => string;

/**
 * Why a grade is suggested, said from its reason as data (`GradeReason`) in the reader's language.
 * In English it is word for word the API's `because` (suggest-grade.test.ts holds them together).
 */
export function becauseText(say: SayBecause, reason: GradeReason): string {
  const why = (hold: GradeHold) =>
    hold.axis === "credibility" ? say("holdCredibility", { dropped: hold.dropped }) : hold.brief ? say("holdBrief") : say("holdSourceReliability");
  switch (reason.key) {
    case "contested":
      return say("contested", { supporting: reason.supporting, contradicting: reason.contradicting });
    case "discounted":
      return say("discounted", { contradicting: reason.contradicting });
    case "confirmed":
    case "probable":
      return say(reason.key, { counted: reason.counted });
    case "probableHeld":
      return say("probableHeld", { counted: reason.counted, why: why(reason.hold) });
    case "singleHeld":
      return say("singleHeld", { supporting: reason.supporting, why: why(reason.hold) });
    default:
      return say(reason.key);
  }
}
