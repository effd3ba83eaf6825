"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError } from "@/lib/errors/action-state";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";

export async function markSensitivityAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await markSensitivity(await getDb(), await getCurrentActor(), evidenceId, {
      isGraphic: formData.get("isGraphic") === "on",
      hasPersonalData: formData.get("hasPersonalData") === "on",
      version: Number(formData.get("version")),
    });
  } catch (error) {
    return actionStateFromError(error);
  }
  redirect(`/evidence/${evidenceId}?saved=1`);
}
