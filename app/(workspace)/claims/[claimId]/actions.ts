"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assignClaim } from "@/lib/claims/assign-claim";
import { gradeClaim } from "@/lib/claims/grade-claim";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { transitionClaim } from "@/lib/workflow/transition-claim";

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export async function transitionAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const action = values.action;
  const changes =
    action === "correct"
      ? Object.fromEntries(
          (["title", "summary", "placeName"] as const)
            .filter((f) => values[`change_${f}`] !== undefined && values[`change_${f}`] !== values[`original_${f}`])
            .map((f) => [f, values[`change_${f}`]]),
        )
      : undefined;
  try {
    await transitionClaim(await getDb(), await getCurrentActor(), claimId, {
      action: action as never,
      version: values.version as never,
      reason: values.reason,
      // Accept a pasted claim address as well as a bare id.
      targetId: values.targetId ? (UUID_IN_TEXT.exec(values.targetId)?.[0] ?? values.targetId) : undefined,
      grade: values.grade as never,
      rationale: values.rationale,
      changes,
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath("/", "layout");
  redirect(`/claims/${claimId}?done=${encodeURIComponent(action)}`);
}

export async function gradeAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await gradeClaim(await getDb(), await getCurrentActor(), claimId, {
      grade: values.grade as never,
      rationale: values.rationale,
      version: values.version as never,
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  redirect(`/claims/${claimId}?done=grade`);
}

export async function assignAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await assignClaim(await getDb(), await getCurrentActor(), claimId, {
      assigneeId: values.assigneeId ? values.assigneeId : null,
      version: values.version as never,
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  redirect(`/claims/${claimId}?done=${values.assigneeId ? "assign" : "unassign"}`);
}
