"use server";

import { LOCALES } from "@/lib/i18n/locales";
import { assignClaim } from "@/lib/claims/assign-claim";
import { editClaim } from "@/lib/claims/edit-claim";
import { EDITABLE_CLAIM_FIELDS, REQUIRED_CLAIM_FIELDS } from "@/lib/claims/schemas";
import { gradeClaim } from "@/lib/claims/grade-claim";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";
import { CORRECTABLE_FIELDS } from "@/lib/workflow/schemas";
import { transitionClaim } from "@/lib/workflow/transition-claim";

/** The claim's own fields put right before publication (the form sends them all). */
export async function editClaimAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const fields = Object.fromEntries(
      EDITABLE_CLAIM_FIELDS.filter((f) => values[f] !== undefined).map((f) => [f, values[f] === "" && !REQUIRED_CLAIM_FIELDS.includes(f) ? null : values[f]]),
    );
    await editClaim(db, actor, claimId, { ...fields, version: values.version });
    return { redirectTo: `/claims/${claimId}?done=edit` };
  });
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The translations a correction's form changed: each language's title and summary as sent, when
 * either differs from what the form showed; both emptied removes the translation (null).
 */
function translationChanges(values: Record<string, string>): Record<string, { title: string; summary: string } | null> | undefined {
  const changed = LOCALES.flatMap((locale) => {
    const title = values[`translation_${locale}_title`];
    const summary = values[`translation_${locale}_summary`];
    if (title === undefined && summary === undefined) return [];
    if (title === values[`original_translation_${locale}_title`] && summary === values[`original_translation_${locale}_summary`]) return [];
    return [[locale, !title?.trim() && !summary?.trim() ? null : { title: title ?? "", summary: summary ?? "" }] as const];
  });
  return changed.length ? Object.fromEntries(changed) : undefined;
}

/** A workflow step. What it makes stale in public, the after-commit hook drops (lib/server/after-commit.ts). */
export async function transitionAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const action = values.action;
    // A correction's form sends every public field with the value it showed: only those changed
    // are the draft's (an emptied optional field clears it).
    const changes =
      action === "correct"
        ? Object.fromEntries(
            CORRECTABLE_FIELDS.filter((f) => values[`change_${f}`] !== undefined && values[`change_${f}`] !== values[`original_${f}`]).map((f) => [
              f,
              values[`change_${f}`] === "" && !REQUIRED_CLAIM_FIELDS.includes(f) ? null : values[`change_${f}`],
            ]),
          )
        : undefined;
    const translations = action === "correct" ? translationChanges(values) : undefined;
    await transitionClaim(db, actor, claimId, {
      action,
      version: values.version,
      reason: values.reason,
      // Accept a pasted claim address as well as a bare id.
      targetId: values.targetId ? (UUID_IN_TEXT.exec(values.targetId)?.[0] ?? values.targetId) : undefined,
      grade: values.grade,
      rationale: values.rationale,
      changes: translations ? { ...changes, translations } : changes,
    });
    return { redirectTo: `/claims/${claimId}?done=${encodeURIComponent(action)}` };
  });
}

/** The grade form: the grade saved, or saved and sent to review in one step (the button's `intent`). */
export async function gradeAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    if (values.intent === "send_to_review") {
      await transitionClaim(db, actor, claimId, { action: "send_to_review", version: values.version, grade: values.grade, rationale: values.rationale });
      return { redirectTo: `/claims/${claimId}?done=send_to_review` };
    }
    await gradeClaim(db, actor, claimId, { grade: values.grade, rationale: values.rationale, version: values.version });
    return { redirectTo: `/claims/${claimId}?done=grade` };
  });
}

export async function assignAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    // takeOver: the form's "Take over" answer to a claim someone else has (its hidden field).
    await assignClaim(db, actor, claimId, {
      assigneeId: values.assigneeId ? values.assigneeId : null,
      version: values.version,
      ...(values.takeOver === "true" ? { takeOver: true } : {}),
    });
    return { redirectTo: `/claims/${claimId}?done=${values.assigneeId ? "assign" : "unassign"}` };
  });
}
