"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { setNotificationPreferences } from "@/lib/notifications/preferences";
import { formAction } from "@/lib/server/doors";
import { NOTIFICATION_KINDS } from "@/lib/vocabulary";

/** How each kind of notification reaches the person: one select per kind, named after it. */
export async function saveNotificationPreferencesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await setNotificationPreferences(db, actor, Object.fromEntries(NOTIFICATION_KINDS.filter((kind) => values[kind] !== undefined).map((kind) => [kind, values[kind]])));
    return { message: tr("notifications.preferences.saved"), refresh: ["/settings"], values };
  });
}
