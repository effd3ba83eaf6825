import "server-only";
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, notifications, notificationSettings, users } from "@/db/schema";
import { OPEN_STATES } from "@/lib/workflow/open-states";
import { insertNotifications, lockCursor } from "./fan-out";
import { mailDueNotifications } from "./mail";
import { canSeeClaim } from "@/lib/claims/scope";
import { readNotificationSettings } from "./settings";

/** Reminders made per sweep at most: a backlog is worked over the next sweeps. */
const REMINDERS_PER_SWEEP = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SweepResult = { reminders: number; mailed: number; digest: boolean };

/**
 * The periodic part of the notifications (every 30 s, lib/notifications/loop.ts): reminders of
 * quiet claims, their mail, and once a day the digest. Under the projection's cursor lock, as the
 * fan-out: two servers sweeping at once take turns, and neither reminds nor mails twice.
 */
export async function sweepNotifications(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<SweepResult> {
  return db.transaction(async (tx) => {
    await lockCursor(tx);
    const settings = await readNotificationSettings(tx);
    const reminders = await remindQuietClaims(tx, settings.reminderDays, now);
    let mailed = await mailDueNotifications(tx, "now", now);
    const digest = !settings.lastDigestAt || now.getTime() - settings.lastDigestAt.getTime() >= DAY_MS;
    if (digest) {
      mailed += await mailDueNotifications(tx, "digest", now);
      await tx.update(notificationSettings).set({ lastDigestAt: now }).where(eq(notificationSettings.id, "team"));
    }
    return { reminders, mailed, digest };
  });
}

/**
 * A reminder to the assignee of each open claim untouched (`updated_at`) for `days` days, once per
 * quiet spell: not again while a reminder of it made after the claim's last change stands. Any
 * change to the claim (an edit, a grade, a transition, an assignment) ends the spell. Read per
 * active assignee (a few dozen people), so each read is a range of the claims' assignee index.
 */
export async function remindQuietClaims(tx: Db, days: number, now: Date): Promise<number> {
  const assignees = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(inArray(users.role, ["reviewer", "editor"]), eq(users.isActive, true), isNotNull(users.joinedAt)));
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let made = 0;
  for (const person of assignees) {
    if (made >= REMINDERS_PER_SWEEP) break;
    const quiet = await tx
      .select({ id: claims.id, submittedById: claims.submittedById })
      .from(claims)
      .where(
        and(
          eq(claims.assigneeId, person.id),
          inArray(claims.state, [...OPEN_STATES]),
          lt(claims.updatedAt, cutoff),
          sql`not exists (select 1 from ${notifications} n where n.claim_id = ${claims.id} and n.kind = 'reminder' and n.user_id = ${person.id} and n.created_at >= ${claims.updatedAt})`,
        ),
      )
      .limit(REMINDERS_PER_SWEEP - made);
    const recipients = quiet.filter((c) => canSeeClaim(person, c)).map((c) => ({ userId: person.id, kind: "reminder" as const, claimId: c.id, commentId: null, data: { days } }));
    made += await insertNotifications(tx, recipients, { actorId: null, eventSeq: null, createdAt: now });
  }
  return made;
}
