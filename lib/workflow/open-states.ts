import type { ClaimState } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

/** The states in which a claim is still being worked on: assigned, graded, edited. */
export const OPEN_STATES: readonly ClaimState[] = ["triage", "corroboration", "review"];

export function isClaimOpen(state: ClaimState): boolean {
  return OPEN_STATES.includes(state);
}

/**
 * Whether evidence, persons and figures may change: while the claim is open, and once it is
 * published, as material for a correction. The public sees such a change only when another
 * editor publishes the correction (the snapshot is gathered again then).
 */
export function takesMaterial(state: ClaimState): boolean {
  return isClaimOpen(state) || state === "published";
}

/** What is tried on a claim's material, as its refusal names it ("Evidence is added while…"). */
export type MaterialChange =
  | "figureRecorded"
  | "evidenceAssessed"
  | "evidenceAdded"
  | "evidenceWithdrawn"
  | "provenanceSet"
  | "captureRetried"
  | "personsAdded"
  | "personsRemoved"
  | "noteAdded";

/** A 422 naming the state guard, in the words of what was tried (`errors.workflow.closed.*`). */
export function assertClaimOpen(state: ClaimState, doing: MaterialChange): void {
  if (!takesMaterial(state)) {
    throw new AppError("INVALID_STATE", tr(`errors.workflow.closed.${doing}`, { state }), { guard: "state" });
  }
}
