"use server";

import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/errors/action-state";
import { requestPageCapture } from "@/lib/evidence/capture/request-capture";
import { formAction } from "@/lib/server/doors";

export async function captureAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await requestPageCapture(db, actor, claimId, { url: values.url ?? "" });
    const t = await getTranslations("evidence.capture");
    return { message: t("queued"), refresh: [`/claims/${claimId}`] };
  });
}
