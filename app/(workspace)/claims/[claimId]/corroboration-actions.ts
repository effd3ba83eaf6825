"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/server/database";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";

export async function assessAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await assessEvidence(await getDb(), await getCurrentActor(), claimId, {
      evidenceId: values.evidenceId ?? "",
      stance: values.stance as never,
      credibility: values.credibility as never,
      note: values.note,
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/claims/${claimId}`);
  return { ok: true, message: "Assessment saved." };
}
