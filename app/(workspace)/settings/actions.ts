"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError } from "@/lib/errors/action-state";
import { updatePreferences } from "@/lib/users/preferences";

export async function savePreferencesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await updatePreferences(await getDb(), await getCurrentActor(), { revealGraphicMedia: formData.get("revealGraphicMedia") === "on" });
  } catch (error) {
    return actionStateFromError(error);
  }
  redirect("/settings?saved=1");
}
