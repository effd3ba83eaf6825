import "server-only";
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { claims, notifications, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { decodeCursor, encodeCursor, ZCursorTimestamp } from "@/lib/validation/cursor";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { parseInput } from "@/lib/validation/parse";
import type { NotificationKind } from "@/lib/vocabulary";
import { UNREAD_CAP } from "./defaults";
import { canSeeClaim } from "@/lib/claims/scope";
import { type InboxOrder, type TNotificationQuery, ZNotificationQuery } from "./schemas";

/**
 * A notification as its person reads it. `claim` is null when they may no longer see the claim
 * (its title is not theirs to read any more); `actor` is who acted, when someone did.
 */
export type NotificationDto = {
  id: string;
  kind: NotificationKind;
  claim: { id: string; title: string; state: string } | null;
  commentId: string | null;
  actor: { id: string; name: string } | null;
  data: Record<string, string | number | boolean>;
  createdAt: string;
  readAt: string | null;
};

export { UNREAD_CAP };

const actorUser = alias(users, "notification_actor");

/**
 * One's own notifications, keyset-paginated: unread first then read, each newest first
 * (`order: "unread"`, the default), or newest first whatever their state (`"newest"`).
 */
export async function listNotifications(db: Db, actor: Actor | null, query: TNotificationQuery): Promise<{ items: NotificationDto[]; nextCursor: string | null; unread: number }> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const { order, cursor, limit } = parseInput(ZNotificationQuery, query);
  const after = decodeCursor(z.tuple([z.boolean(), ZCursorTimestamp, z.uuid()]), cursor);
  const where: (SQL | undefined)[] = [eq(notifications.userId, actor.id)];
  if (after) where.push(pastKey(order, after));
  const isRead = sql<boolean>`(${notifications.readAt} is not null)`;
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      claimId: notifications.claimId,
      claimTitle: claims.title,
      claimState: claims.state,
      submittedById: claims.submittedById,
      commentId: notifications.commentId,
      actorId: notifications.actorId,
      actorName: actorUser.name,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(claims, eq(claims.id, notifications.claimId))
    .leftJoin(actorUser, eq(actorUser.id, notifications.actorId))
    .where(and(...where))
    .orderBy(...(order === "unread" ? [isRead] : []), desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((n) => {
      // A claim one may no longer see says nothing of itself: not its title, nor who acted on it, nor its comment.
      const seen = n.claimId !== null && n.claimTitle !== null && n.submittedById !== null && canSeeClaim(actor, { submittedById: n.submittedById });
      return {
        id: n.id,
        kind: n.kind as NotificationKind,
        claim: seen ? { id: n.claimId!, title: n.claimTitle!, state: n.claimState! } : null,
        commentId: seen ? n.commentId : null,
        actor: seen && n.actorId && n.actorName !== null ? { id: n.actorId, name: n.actorName } : null,
        data: n.data,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor([last.readAt !== null, last.createdAt.toISOString(), last.id]) : null,
    unread: await countUnreadNotifications(db, actor),
  };
}

/** Past the last row's key: in "unread" order, the rest of the unread ones and then every read one. */
function pastKey(order: InboxOrder, [read, createdAt, id]: [boolean, string, string]): SQL {
  const past = pastCursor([notifications.createdAt, notifications.id], [asTimestamp(createdAt), asUuid(id)], "desc");
  if (order === "newest") return past;
  return read ? sql`(${notifications.readAt} is not null and ${past})` : sql`(${notifications.readAt} is not null or ${past})`;
}

/** How many of one's notifications are unread, up to UNREAD_CAP (the partial index on unread rows answers it). */
export async function countUnreadNotifications(db: Db, actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  const capped = db
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .limit(UNREAD_CAP)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return row?.n ?? 0;
}
