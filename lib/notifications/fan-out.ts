import "server-only";
import { asc, desc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditEvents, claimWatchers, notifications, projectionCursors } from "@/db/schema";
import type { NotificationKind } from "@/lib/vocabulary";
import { mailDueNotifications } from "./mail";
import { deliveriesOf } from "./preferences";
import { fansOut, type LoggedEvent, type Recipient, recipientsOf } from "./recipients";

/** The projection's row in `projection_cursors`: the last audit event fanned out. */
export const NOTIFICATIONS_CURSOR = "notifications";
/** Events read per transaction: a long backlog is worked in bounded steps, each committed. */
const BATCH = 100;

export type FanOutResult = { events: number; notifications: number; mailed: number };

/**
 * Takes the projection's cursor FOR UPDATE (servers and the worker take turns; whoever waits reads
 * the cursor its predecessor left), so no event is fanned out twice. The migration seeds the row at
 * the audit head; a database without it starts at the head, as the migration would.
 */
export async function lockCursor(tx: Db): Promise<number> {
  const read = () => tx.select({ seq: projectionCursors.seq }).from(projectionCursors).where(eq(projectionCursors.name, NOTIFICATIONS_CURSOR)).for("update");
  let [row] = await read();
  if (!row) {
    const [head] = await tx.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    await tx.insert(projectionCursors).values({ name: NOTIFICATIONS_CURSOR, seq: head?.seq ?? 0 }).onConflictDoNothing();
    [row] = await read();
  }
  return row.seq;
}

/**
 * The notifications' projection of the audit log: reads the events after the cursor in batches,
 * makes each one's notifications (lib/notifications/recipients.ts; a unique key of person, event
 * and kind makes a second pass make nothing), starts the watches the events imply, queues the
 * e-mail of those to be mailed at once (one message per person per batch), and moves the cursor,
 * all in one transaction per batch. Audit `seq`s commit in order (the appender's lock), so nothing
 * behind the cursor can still appear.
 */
export async function fanOutNotifications(db: Db, { batch = BATCH, now = () => new Date() }: { batch?: number; now?: () => Date } = {}): Promise<FanOutResult> {
  const result: FanOutResult = { events: 0, notifications: 0, mailed: 0 };
  for (;;) {
    const read = await db.transaction(async (tx) => {
      const cursor = await lockCursor(tx);
      const events: LoggedEvent[] = await tx
        .select({ seq: auditEvents.seq, type: auditEvents.type, entityType: auditEvents.entityType, entityId: auditEvents.entityId, actorId: auditEvents.actorId, data: auditEvents.data })
        .from(auditEvents)
        .where(gt(auditEvents.seq, cursor))
        .orderBy(asc(auditEvents.seq))
        .limit(batch);
      if (events.length === 0) return 0;
      for (const event of events) result.notifications += await fanOutEvent(tx, event);
      await tx.update(projectionCursors).set({ seq: events[events.length - 1].seq }).where(eq(projectionCursors.name, NOTIFICATIONS_CURSOR));
      result.mailed += await mailDueNotifications(tx, "now", now());
      return events.length;
    });
    result.events += read;
    if (read < batch) return result;
  }
}

/**
 * One event's notifications and watches; answers how many notifications it made. In a savepoint of
 * its own: an event the database refuses to fan out (one naming a comment that is not there) is
 * logged and passed over, rather than holding every later event back for ever.
 */
async function fanOutEvent(tx: Db, event: LoggedEvent): Promise<number> {
  if (!fansOut(event)) return 0;
  try {
    return await tx.transaction(async (savepoint) => {
      const sp = savepoint as unknown as Db;
      const { recipients, watchers } = await recipientsOf(sp, event);
      for (const userId of watchers) {
        await sp.insert(claimWatchers).values({ claimId: event.entityId, userId }).onConflictDoNothing();
      }
      return insertNotifications(sp, recipients, { actorId: event.actorId, eventSeq: event.seq });
    });
  } catch (error) {
    console.error(`[notifications] audit event ${event.seq} (${event.type}) was not fanned out:`, error instanceof Error ? error.message : error);
    return 0;
  }
}

/**
 * Notifications for these recipients, each as its person asked for the kind: none when "off",
 * marked to be mailed at once ("email") or in the digest ("digest"). Made twice, they are made once.
 */
export async function insertNotifications(tx: Db, recipients: Recipient[], origin: { actorId: string | null; eventSeq: number | null; createdAt?: Date }): Promise<number> {
  let made = 0;
  for (const kind of new Set(recipients.map((r) => r.kind))) {
    const ofKind = recipients.filter((r) => r.kind === kind);
    const deliveries = await deliveriesOf(tx, ofKind.map((r) => r.userId), kind as NotificationKind);
    const rows = ofKind
      .filter((r) => deliveries.get(r.userId) !== "off")
      .map((r) => {
        const delivery = deliveries.get(r.userId);
        return {
          userId: r.userId,
          kind: r.kind,
          claimId: r.claimId,
          commentId: r.commentId,
          actorId: origin.actorId,
          eventSeq: origin.eventSeq,
          data: r.data,
          mail: delivery === "email" ? "now" : delivery === "digest" ? "digest" : null,
          ...(origin.createdAt ? { createdAt: origin.createdAt } : {}),
        };
      });
    if (rows.length === 0) continue;
    const inserted = await tx.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id });
    made += inserted.length;
  }
  return made;
}
