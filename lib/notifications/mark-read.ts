import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { countUnreadNotifications } from "./list-notifications";
import { ZMarkRead } from "./schemas";

/**
 * Marks some of one's own notifications read (`{ids}`: another's id changes nothing), or all of
 * them (`{all: true}`). Not audited: what a person has read is their own bookkeeping, as a
 * session's last use is, not part of the claims' story. Answers how many changed and how many
 * stay unread.
 */
export async function markNotificationsRead(db: Db, actor: Actor | null, input: unknown): Promise<{ marked: number; unread: number }> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  if (actor.readOnly) throw new AppError("FORBIDDEN", tr("errors.readOnlyToken"));
  const data = parseInput(ZMarkRead, input);
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), data.ids ? inArray(notifications.id, data.ids) : undefined))
    .returning({ id: notifications.id });
  return { marked: marked.length, unread: await countUnreadNotifications(db, actor) };
}
