import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { notificationPreferences } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, type NotificationDelivery, type NotificationKind } from "@/lib/vocabulary";
import { DEFAULT_DELIVERY } from "./defaults";
import { ZNotificationPreferences } from "./schemas";

export type NotificationPreferences = Record<NotificationKind, NotificationDelivery>;

const isDelivery = (value: string): value is NotificationDelivery => (NOTIFICATION_DELIVERIES as readonly string[]).includes(value);

/** How each kind reaches each of these people: their choice, else the kind's default. */
export async function deliveriesOf(db: Db, userIds: string[], kind: NotificationKind): Promise<Map<string, NotificationDelivery>> {
  const chosen = new Map<string, NotificationDelivery>(userIds.map((id) => [id, DEFAULT_DELIVERY[kind]]));
  if (userIds.length === 0) return chosen;
  const rows = await db
    .select({ userId: notificationPreferences.userId, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, kind)));
  for (const row of rows) if (isDelivery(row.delivery)) chosen.set(row.userId, row.delivery);
  return chosen;
}

async function readPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const preferences = { ...DEFAULT_DELIVERY };
  const rows = await db.select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  for (const row of rows) if ((NOTIFICATION_KINDS as readonly string[]).includes(row.kind) && isDelivery(row.delivery)) preferences[row.kind as NotificationKind] = row.delivery;
  return preferences;
}

/** One's own choices, every kind named. */
export async function getNotificationPreferences(db: Db, actor: Actor | null): Promise<NotificationPreferences> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  return readPreferences(db, actor.id);
}

/**
 * One's own choices per kind ("off", "app", "email", "digest"); a kind not named keeps its delivery.
 * Audited as the person's preferences (`notifications.<kind>`, before and after). Only ever the
 * actor's own rows.
 */
export async function setNotificationPreferences(db: Db, actor: Actor | null, input: unknown): Promise<NotificationPreferences> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  if (actor.readOnly) throw new AppError("FORBIDDEN", tr("errors.readOnlyToken"));
  const data = parseInput(ZNotificationPreferences, input);
  return db.transaction(async (tx) => {
    const before = await readPreferences(tx, actor.id);
    const after = { ...before };
    for (const kind of NOTIFICATION_KINDS) after[kind] = data[kind] ?? before[kind];
    const changes = diffFields(prefixed(before), prefixed(after));
    if (Object.keys(changes).length === 0) return before;
    for (const kind of NOTIFICATION_KINDS) {
      if (after[kind] === before[kind]) continue;
      await tx
        .insert(notificationPreferences)
        .values({ userId: actor.id, kind, delivery: after[kind] })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: after[kind] } });
    }
    await appendAuditEvent(tx, actor.id, { type: "user.preferences_changed", entity: { type: "user", id: actor.id }, data: { changes } });
    return after;
  });
}

const prefixed = (preferences: NotificationPreferences) => Object.fromEntries(Object.entries(preferences).map(([kind, delivery]) => [`notifications.${kind}`, delivery]));
