import type { ClaimState } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors/app-error";

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

/** A 422 naming the state guard, in the words of what was tried ("Evidence is added"). */
export function assertClaimOpen(state: ClaimState, doing: string): void {
  if (!takesMaterial(state)) {
    throw new AppError("INVALID_STATE", `${doing} while a claim is open or published (through a correction), not in ${state}.`, { guard: "state" });
  }
}
