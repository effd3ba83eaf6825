"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { retryCapture } from "@/lib/evidence/capture/retry-capture";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceDisclosure } from "@/lib/evidence/set-disclosure";
import { withdrawEvidence } from "@/lib/evidence/withdraw-evidence";
import { backToClaim, formAction } from "@/lib/server/doors";

export async function markSensitivityAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await markSensitivity(db, actor, evidenceId, {
      isGraphic: values.isGraphic === "on",
      hasPersonalData: values.hasPersonalData === "on",
      version: Number(values.version),
    });
    return { redirectTo: backToClaim(values.returnTo, "sensitivity", `/evidence/${evidenceId}?saved=sensitivity`) };
  });
}

export async function setDisclosureAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await setEvidenceDisclosure(db, actor, evidenceId, {
      disclosure: (values.disclosure ?? "") as "rule",
      reason: values.reason ?? "",
      version: Number(values.version),
    });
    return { redirectTo: `/evidence/${evidenceId}?saved=disclosure` };
  });
}

export async function retryCaptureAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await retryCapture(db, actor, evidenceId, { version: Number(values.version) });
    return { redirectTo: backToClaim(values.returnTo, "retried", `/evidence/${evidenceId}?saved=retried`) };
  });
}

export async function withdrawEvidenceAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await withdrawEvidence(db, actor, evidenceId, { reason: values.reason ?? "", version: Number(values.version) });
    return { redirectTo: backToClaim(values.returnTo, "withdrawn", `/evidence/${evidenceId}?saved=withdrawn`) };
  });
}
