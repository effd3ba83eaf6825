import type { ClaimState } from "@/lib/vocabulary";
import type { Permission } from "@/lib/auth/permissions";

/**
 * The claim workflow, exactly as ARCHITECTURE.md draws it (*The design the code keeps*). Pure
 * data: `transitionClaim` is the only code that writes `state`, and it reads this table.
 */
export const TRANSITIONS = {
  accept: { from: ["triage"], to: "corroboration", permission: "claims.accept", label: "Accept into corroboration" },
  reject: { from: ["triage"], to: "rejected", permission: "claims.reject", label: "Reject" },
  duplicate: { from: ["triage"], to: "duplicate", permission: "claims.duplicate", label: "Mark as duplicate" },
  send_to_review: { from: ["corroboration"], to: "review", permission: "claims.send_to_review", label: "Send to review" },
  send_back: { from: ["review"], to: "corroboration", permission: "claims.send_back", label: "Send back" },
  publish: { from: ["review"], to: "published", permission: "claims.publish", label: "Publish" },
  // A correction under four eyes: one editor drafts it (the public entry unchanged), another publishes it.
  correct: { from: ["published"], to: "published", permission: "claims.correct", label: "Draft a correction" },
  publish_correction: { from: ["published"], to: "published", permission: "claims.correct", label: "Publish the correction" },
  discard_correction: { from: ["published"], to: "published", permission: "claims.correct", label: "Discard the correction draft" },
  retract: { from: ["published"], to: "retracted", permission: "claims.retract", label: "Retract" },
  reopen: { from: ["rejected", "duplicate"], to: "triage", permission: "claims.reopen", label: "Reopen" },
} as const satisfies Record<
  string,
  { from: readonly ClaimState[]; to: ClaimState; permission: Permission; label: string }
>;

export type TransitionAction = keyof typeof TRANSITIONS;
export const TRANSITION_ACTIONS = Object.keys(TRANSITIONS) as [TransitionAction, ...TransitionAction[]];

export function isAllowedFrom(action: TransitionAction, state: ClaimState): boolean {
  return (TRANSITIONS[action].from as readonly ClaimState[]).includes(state);
}

/** The actions that leave `state`, in the order the table lists them. */
export function actionsFrom(state: ClaimState): TransitionAction[] {
  return TRANSITION_ACTIONS.filter((a) => isAllowedFrom(a, state));
}
