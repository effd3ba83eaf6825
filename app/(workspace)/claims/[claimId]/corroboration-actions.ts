"use server";

import { getTranslations } from "next-intl/server";
import { assessEvidence } from "@/lib/assessments/assess-evidence";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";

export async function assessAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await assessEvidence(db, actor, claimId, {
      evidenceId: values.evidenceId ?? "",
      stance: values.stance,
      credibility: values.credibility,
      note: values.note,
    });
    const t = await getTranslations("origins.assess");
    return { message: t("saved"), refresh: [`/claims/${claimId}`] };
  });
}
