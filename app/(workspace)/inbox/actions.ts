"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { formAction } from "@/lib/server/doors";

/** One notification read. */
export async function markReadAction(notificationId: string, _prev: ActionState): Promise<ActionState> {
  return formAction(undefined, async ({ db, actor }) => {
    const { marked } = await markNotificationsRead(db, actor, { ids: [notificationId] });
    return { message: tr("notifications.inbox.marked", { count: marked }), refresh: ["/inbox"] };
  });
}

/** Every notification of one's own read. */
export async function markAllReadAction(_prev: ActionState): Promise<ActionState> {
  return formAction(undefined, async ({ db, actor }) => {
    const { marked } = await markNotificationsRead(db, actor, { all: true });
    return { message: tr("notifications.inbox.marked", { count: marked }), refresh: ["/inbox"] };
  });
}
