"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { setNotificationSettings } from "@/lib/notifications/settings";
import { formAction } from "@/lib/server/doors";

/** The team's notification settings: the reminder's days, and titles in mail (a checkbox, sent only when ticked). */
export async function saveNotificationSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await setNotificationSettings(db, actor, { reminderDays: values.reminderDays ?? "", titlesInMail: values.titlesInMail === "on" });
    return { message: tr("notifications.settings.saved"), refresh: ["/admin/notifications"] };
  });
}
