import type { Claim } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, type ErrorLink } from "@/lib/errors/app-error";
import { withPendingCorrection } from "./corrections";
import { isAllowedFrom, type TransitionAction } from "./machine";
import type { ZTransition } from "./schemas";
import type { z } from "zod";
import { tr } from "@/lib/i18n/translate";

type Input = z.infer<typeof ZTransition>;

function failGuard(guard: string, message: string, links?: ErrorLink[]): never {
  throw new AppError("INVALID_STATE", message, { guard, ...(links ? { links } : {}) });
}

/** The evidence of a claim not yet reviewed for sensitivity: how many, and the first few to link to. */
export type Unreviewed = { count: number; items: { id: string; name: string | null }[] };

export const NONE_UNREVIEWED: Unreviewed = { count: 0, items: [] };

/** Sensitivity is asked for where the reviewer works: before review, and again before publication. */
function requireSensitivityReview(unreviewed: Unreviewed, before: "review" | "correction" | "publication"): void {
  if (unreviewed.count === 0) return;
  const links = unreviewed.items.map((item) => ({ href: `/evidence/${item.id}`, label: item.name ?? tr("guards.itemLabel", { id: item.id.slice(0, 8) }) }));
  failGuard("sensitivity", tr("guards.sensitivity", { count: unreviewed.count, before }), links);
}

/** "Confirmed" goes public only where the origins support it (lib/origins/suggest-grade.ts). */
function requireOriginsFor(grade: Claim["grade"], originsSupportConfirmed: boolean): void {
  if (grade === "confirmed" && !originsSupportConfirmed) {
    failGuard("origins", tr("guards.origins"));
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
    failGuard("state", tr("guards.state", { action, state: claim.state }));
  }
  switch (action) {
    case "reject":
    case "retract":
      if (!input.reason) failGuard("reason", tr("guards.reason", { action }));
      break;
    case "correct": {
      if (!input.reason) failGuard("reason", tr("guards.correctionReason"));
      const grade = input.changes?.grade;
      if (grade === "discounted") failGuard("grade", tr("guards.correctToDiscounted"));
      if (grade && grade !== claim.grade && !input.changes?.gradeRationale) {
        failGuard("grade_rationale", tr("guards.newGradeRationale"));
      }
      break;
    }
    case "publish_correction": {
      if (!claim.pendingCorrection) failGuard("correction", tr("guards.noDraftToPublish"));
      if (claim.correctionDraftedById === actor.id) {
        failGuard("four_eyes", tr("guards.fourEyesDrafted"));
      }
      requireOriginsFor(withPendingCorrection(claim).grade, context.originsSupportConfirmed);
      requireSensitivityReview(context.unreviewed, "correction");
      break;
    }
    case "discard_correction":
      if (!claim.pendingCorrection) failGuard("correction", tr("guards.noDraftToDiscard"));
      break;
    case "duplicate":
      if (!input.targetId) failGuard("target", tr("guards.nameTarget"));
      if (!target) failGuard("target", tr("guards.noTarget"));
      if (target.id === claim.id) failGuard("target", tr("guards.selfDuplicate"));
      if (target.state === "duplicate" || target.state === "rejected") {
        failGuard("target", tr("guards.targetClosed"));
      }
      break;
    case "send_to_review": {
      const grade = input.grade ?? claim.grade;
      const rationale = input.rationale ?? claim.gradeRationale;
      if (!grade) failGuard("grade", tr("guards.setGrade"));
      if (!rationale) failGuard("grade_rationale", tr("guards.gradeRationale"));
      if (context.assessments === 0) failGuard("assessment", tr("guards.assessFirst"));
      requireSensitivityReview(context.unreviewed, "review");
      break;
    }
    case "publish":
      if (claim.submittedById === actor.id || claim.sentToReviewById === actor.id || claim.editedInReviewById === actor.id) {
        failGuard(
          "four_eyes",
          claim.submittedById === actor.id
            ? tr("guards.fourEyesSubmitted")
            : claim.sentToReviewById === actor.id
              ? tr("guards.fourEyesSent")
              : tr("guards.fourEyesEdited"),
        );
      }
      if (!claim.grade) failGuard("grade", tr("guards.noGrade"));
      if (claim.grade === "discounted") failGuard("grade", tr("guards.discountedPublish"));
      requireOriginsFor(claim.grade, context.originsSupportConfirmed);
      requireSensitivityReview(context.unreviewed, "publication");
      break;
  }
}
