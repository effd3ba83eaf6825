import type { ClaimState } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors/app-error";

/** The states in which a claim is still being worked on: evidence, persons and figures change only then. */
export const OPEN_STATES: readonly ClaimState[] = ["triage", "corroboration", "review"];

export function isClaimOpen(state: ClaimState): boolean {
  return OPEN_STATES.includes(state);
}

/** A 422 naming the state guard, in the words of what was tried ("Evidence is added"). */
export function assertClaimOpen(state: ClaimState, doing: string): void {
  if (!isClaimOpen(state)) {
    throw new AppError("INVALID_STATE", `${doing} while a claim is open, not in ${state}.`, { guard: "state" });
  }
}
