import type { Claim } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, type ErrorLink } from "@/lib/errors/app-error";
import { withPendingCorrection } from "./corrections";
import { isAllowedFrom, TRANSITIONS, type TransitionAction } from "./machine";
import type { ZTransition } from "./schemas";
import type { z } from "zod";

type Input = z.infer<typeof ZTransition>;

function failGuard(guard: string, message: string, links?: ErrorLink[]): never {
  throw new AppError("INVALID_STATE", message, { guard, ...(links ? { links } : {}) });
}

/** The evidence of a claim not yet reviewed for sensitivity: how many, and the first few to link to. */
export type Unreviewed = { count: number; items: { id: string; name: string | null }[] };

export const NONE_UNREVIEWED: Unreviewed = { count: 0, items: [] };

/** Sensitivity is asked for where the reviewer works: before review, and again before publication. */
function requireSensitivityReview(unreviewed: Unreviewed, before: string): void {
  if (unreviewed.count === 0) return;
  const n = unreviewed.count;
  const links = unreviewed.items.map((item) => ({ href: `/evidence/${item.id}`, label: item.name ?? `Item ${item.id.slice(0, 8)}` }));
  failGuard(
    "sensitivity",
    `${n} evidence item${n === 1 ? " has" : "s have"} not been reviewed for sensitivity (graphic content, personal data): review ${n === 1 ? "it" : "them"} ${before}.`,
    links,
  );
}

/** "Confirmed" goes public only where the origins support it (lib/origins/suggest-grade.ts). */
function requireOriginsFor(grade: Claim["grade"], originsSupportConfirmed: boolean): void {
  if (grade === "confirmed" && !originsSupportConfirmed) {
    failGuard(
      "origins",
      "The origins do not support “confirmed”: it needs at least two independent supporting origins, one of them first-hand, and no credible contradiction.",
    );
  }
}

/**
 * The guards of the workflow (ARCHITECTURE.md, *The design the code keeps*), checked after
 * scope, permission and version. Each failure is a 422 naming the guard. `target` is the
 * duplicate's target claim and `context` the counts the guards need, both looked up by the caller.
 */
export function checkGuards(
  actor: Actor,
  claim: Claim,
  input: Input,
  target: Claim | null,
  context: { unreviewed: Unreviewed; assessments: number; originsSupportConfirmed: boolean } = {
    unreviewed: NONE_UNREVIEWED,
    assessments: 0,
    originsSupportConfirmed: false,
  },
): void {
  const action: TransitionAction = input.action;
  if (!isAllowedFrom(action, claim.state)) {
    failGuard(
      "state",
      `“${TRANSITIONS[action].label}” is not possible while the claim is in ${claim.state}.`,
    );
  }
  switch (action) {
    case "reject":
    case "retract":
      if (!input.reason) failGuard("reason", `Give a reason to ${action}.`);
      break;
    case "correct": {
      if (!input.reason) failGuard("reason", "Give the reason for the correction: it is published as the correction note.");
      const grade = input.changes?.grade;
      if (grade === "discounted") failGuard("grade", "A published entry cannot be corrected to discounted; retract it instead.");
      if (grade && grade !== claim.grade && !input.changes?.gradeRationale) {
        failGuard("grade_rationale", "Give the rationale for the new grade.");
      }
      break;
    }
    case "publish_correction": {
      if (!claim.pendingCorrection) failGuard("correction", "There is no correction draft to publish.");
      if (claim.correctionDraftedById === actor.id) {
        failGuard("four_eyes", "Four-eyes rule: you drafted this correction, so another editor must publish it.");
      }
      requireOriginsFor(withPendingCorrection(claim).grade, context.originsSupportConfirmed);
      requireSensitivityReview(context.unreviewed, "before publishing the correction");
      break;
    }
    case "discard_correction":
      if (!claim.pendingCorrection) failGuard("correction", "There is no correction draft to discard.");
      break;
    case "duplicate":
      if (!input.targetId) failGuard("target", "Name the claim this one duplicates.");
      if (!target) failGuard("target", "The target claim does not exist.");
      if (target.id === claim.id) failGuard("target", "A claim cannot duplicate itself.");
      if (target.state === "duplicate" || target.state === "rejected") {
        failGuard("target", "The target claim is itself a duplicate or rejected; choose the claim it points to.");
      }
      break;
    case "send_to_review": {
      const grade = input.grade ?? claim.grade;
      const rationale = input.rationale ?? claim.gradeRationale;
      if (!grade) failGuard("grade", "Set a grade before sending to review.");
      if (!rationale) failGuard("grade_rationale", "Give the rationale for the grade.");
      if (context.assessments === 0) failGuard("assessment", "Assess at least one evidence item against the claim before sending it to review.");
      requireSensitivityReview(context.unreviewed, "before sending the claim to review");
      break;
    }
    case "publish":
      if (claim.submittedById === actor.id || claim.sentToReviewById === actor.id || claim.editedInReviewById === actor.id) {
        failGuard(
          "four_eyes",
          claim.submittedById === actor.id
            ? "Four-eyes rule: you submitted this claim, so another editor must publish it."
            : claim.sentToReviewById === actor.id
              ? "Four-eyes rule: you sent this claim to review, so another editor must publish it."
              : "Four-eyes rule: you edited this claim in review, so another editor must publish it.",
        );
      }
      if (!claim.grade) failGuard("grade", "The claim has no grade.");
      if (claim.grade === "discounted") failGuard("grade", "A discounted claim cannot be published.");
      requireOriginsFor(claim.grade, context.originsSupportConfirmed);
      requireSensitivityReview(context.unreviewed, "before publishing");
      break;
  }
}
