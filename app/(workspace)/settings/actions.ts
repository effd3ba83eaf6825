"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";
import { updatePreferences } from "@/lib/users/preferences";

export async function savePreferencesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await updatePreferences(db, actor, { revealGraphicMedia: values.revealGraphicMedia === "on" });
    return { redirectTo: "/settings?saved=1" };
  });
}
