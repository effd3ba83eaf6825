"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { setWatching } from "@/lib/notifications/watch";
import { formAction } from "@/lib/server/doors";

/** Watch the claim (`watch=on`) or stop watching it. */
export async function watchAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const { watching } = await setWatching(db, actor, claimId, values.watch === "on");
    return { message: tr(watching ? "notifications.watch.started" : "notifications.watch.stopped"), refresh: [`/claims/${claimId}`] };
  });
}
