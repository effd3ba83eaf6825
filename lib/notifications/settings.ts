import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { notificationSettings } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";
import { ZNotificationSettings } from "./schemas";

export type NotificationSettings = { reminderDays: number; titlesInMail: boolean };

const TEAM = "team";

/** The team's settings as the fan-out reads them (the migration seeds the row; its defaults stand in without it). */
export async function readNotificationSettings(db: Db): Promise<NotificationSettings & { lastDigestAt: Date | null }> {
  const [row] = await db
    .select({ reminderDays: notificationSettings.reminderDays, titlesInMail: notificationSettings.titlesInMail, lastDigestAt: notificationSettings.lastDigestAt })
    .from(notificationSettings)
    .where(eq(notificationSettings.id, TEAM));
  return row ?? { reminderDays: 3, titlesInMail: false, lastDigestAt: null };
}

export async function getNotificationSettings(db: Db, actor: Actor | null): Promise<NotificationSettings> {
  assertCan(actor, "settings.notifications");
  const { reminderDays, titlesInMail } = await readNotificationSettings(db);
  return { reminderDays, titlesInMail };
}

/** An admin sets the reminder's quiet days and whether mail may name claims; audited with each change's before and after. */
export async function setNotificationSettings(db: Db, actor: Actor | null, input: unknown): Promise<NotificationSettings> {
  assertCan(actor, "settings.notifications");
  const after = parseInput(ZNotificationSettings, input);
  return db.transaction(async (tx) => {
    const { reminderDays, titlesInMail } = await readNotificationSettings(tx);
    const before = { reminderDays, titlesInMail };
    const changes = diffFields(before, after);
    if (Object.keys(changes).length === 0) return before;
    await tx
      .insert(notificationSettings)
      .values({ id: TEAM, ...after, updatedAt: new Date() })
      .onConflictDoUpdate({ target: notificationSettings.id, set: { ...after, updatedAt: new Date() } });
    await appendAuditEvent(tx, actor.id, { type: "settings.notifications_changed", entity: { type: "settings", id: "notifications" }, data: { changes } });
    return after;
  });
}
