"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { backToClaim, formAction } from "@/lib/server/doors";

export async function markSensitivityAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await markSensitivity(db, actor, evidenceId, {
      isGraphic: values.isGraphic === "on",
      hasPersonalData: values.hasPersonalData === "on",
      version: Number(values.version),
    });
    return { redirectTo: backToClaim(values.returnTo, "sensitivity", `/evidence/${evidenceId}?saved=1`) };
  });
}
