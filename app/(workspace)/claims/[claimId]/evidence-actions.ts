"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { requestPageCapture } from "@/lib/evidence/capture/request-capture";

export async function captureAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await requestPageCapture(await getDb(), await getCurrentActor(), claimId, { url: values.url ?? "" });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/claims/${claimId}`);
  return { ok: true, message: "Capture queued: the page is being preserved." };
}
