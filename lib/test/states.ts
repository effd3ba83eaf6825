import type { Db } from "@/db/connect";
import type { ClaimState } from "@/lib/vocabulary";
import type { Actor } from "@/lib/auth/permissions";
import type { TSubmitClaim } from "@/lib/claims/schemas";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { attachAssessedItem, submitSample } from "./fixtures";

export type Cast = {
  /** submits the claim */
  submitter: Actor;
  /** accepts, grades, rejects, marks duplicates and sends to review */
  reviewer: Actor;
  /** publishes (never the one who submitted or sent it to review) */
  editor: Actor;
};

/**
 * A claim of `cast.submitter` brought through the workflow to `state` by the ordinary functions,
 * so its row and audit trail are what the app itself would have written.
 */
export async function claimInState(db: Db, cast: Cast, state: ClaimState, overrides: Partial<TSubmitClaim> = {}) {
  const { submitter, reviewer, editor } = cast;
  let claim = await submitSample(db, submitter, overrides);
  const step = (actor: Actor, input: Omit<Parameters<typeof transitionClaim>[3], "version">) =>
    transitionClaim(db, actor, claim.id, { ...input, version: claim.version } as Parameters<typeof transitionClaim>[3]);
  switch (state) {
    case "triage":
      return claim;
    case "rejected":
      return step(reviewer, { action: "reject", reason: "Out of scope." });
    case "duplicate": {
      const target = await submitSample(db, submitter, { title: `Target of ${claim.title}` });
      return step(reviewer, { action: "duplicate", targetId: target.id });
    }
    default:
      break;
  }
  claim = await step(reviewer, { action: "accept" });
  if (state === "corroboration") return claim;
  await attachAssessedItem(db, reviewer, claim.id);
  claim = await step(reviewer, { action: "send_to_review", grade: "probable", rationale: "Two independent origins." });
  if (state === "review") return claim;
  claim = await step(editor, { action: "publish" });
  if (state === "published") return claim;
  if (state === "retracted") return step(editor, { action: "retract", reason: "Withdrawn." });
  throw new Error(`claimInState: no route to ${state}`);
}
