import "server-only";
import { and, asc, eq, inArray, isNull, not, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, notifications, users } from "@/db/schema";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { mailedLink, queueMail } from "@/lib/mail/outbox";
import type { NotificationKind } from "@/lib/vocabulary";
import { canSeeClaim } from "@/lib/claims/scope";
import { readNotificationSettings } from "./settings";

/** Notifications read per step of a mailing pass. */
const STEP = 500;
/**
 * At most one message "at once" per person in this long: a flood of mentions (someone commenting
 * again and again) waits, and the next message, sent by the 30 s sweep once the gap has passed,
 * says "N updates". A mailbox is never filled faster than this, whatever others write.
 */
export const NOW_MAIL_GAP_MS = 5 * 60 * 1000;

/**
 * Queues the mail of the notifications waiting to be mailed in `mode` ("now": those to go at once;
 * "digest": the day's), one message per person: "N updates in Corroborate" and a link to the inbox.
 * It names no claim, person, place or source, unless an admin allows claim titles in mail; then it
 * lists each claim's title (of the claims the person may still see). Runs in the caller's
 * transaction, so the message and the notifications' `mailed_at` commit together. Answers how many
 * messages were queued.
 */
export async function mailDueNotifications(tx: Db, mode: "now" | "digest", now: Date): Promise<number> {
  let queued = 0;
  for (;;) {
    const due = await tx
      .select({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, claimId: notifications.claimId })
      .from(notifications)
      .where(
        and(
          eq(notifications.mail, mode),
          isNull(notifications.mailedAt),
          // People mailed "at once" within the gap (or just now, in this pass's step before): theirs wait for a later pass.
          mode === "now" ? not(heldByGap(now)) : undefined,
        ),
      )
      .orderBy(asc(notifications.userId), asc(notifications.createdAt))
      .limit(STEP);
    if (due.length === 0) return queued;
    const { titlesInMail } = await readNotificationSettings(tx);
    const people = await tx
      .select({ id: users.id, email: users.email, role: users.role, locale: users.locale, isActive: users.isActive })
      .from(users)
      .where(inArray(users.id, [...new Set(due.map((n) => n.userId))]));
    const titles = titlesInMail ? await claimTitles(tx, due.map((n) => n.claimId)) : new Map<string, Claimed>();
    for (const person of people) {
      const theirs = due.filter((n) => n.userId === person.id);
      // Someone deactivated since is sent nothing; their notifications are done with all the same.
      if (person.isActive) {
        const locale = isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
        const t = translatorFor(locale);
        const items = theirs
          .map((n) => {
            const claim = n.claimId ? titles.get(n.claimId) : undefined;
            return claim && canSeeClaim(person, claim) ? `- ${t(`notifications.kind.${n.kind as NotificationKind}`)}: ${oneLine(claim.title)}` : null;
          })
          .filter((line): line is string => line !== null);
        await queueMail(tx, person.email, { kind: "notifications", count: theirs.length, link: mailedLink("/inbox"), items: items.join("\n") }, locale);
        queued += 1;
      }
      await tx.update(notifications).set({ mailedAt: now }).where(inArray(notifications.id, theirs.map((n) => n.id)));
    }
    if (due.length < STEP) return queued;
  }
}

/**
 * SQL, in a query of `notifications`: its person is active and was mailed "at once" within the gap.
 * A notification mailed then was made at most a gap and a sweep before it, so the inner read is a
 * short range of the person's index. Asked in the query, of every row at once: every fan-out pass
 * (one after each write) used to read the held notifications, with the settings, the people and
 * each one's gap, only to hold them again.
 */
export function heldByGap(now: Date) {
  const mailedSince = new Date(now.getTime() - NOW_MAIL_GAP_MS).toISOString();
  const madeSince = new Date(now.getTime() - 3 * NOW_MAIL_GAP_MS).toISOString();
  // The tables named in full: drizzle writes a column bare, which the subqueries would read as their own.
  return sql`(exists (select 1 from "users" where "users"."id" = "notifications"."user_id" and "users"."is_active")
    and exists (select 1 from "notifications" as "recent" where "recent"."user_id" = "notifications"."user_id"
      and "recent"."created_at" > ${madeSince}::timestamptz and "recent"."mail" = 'now' and "recent"."mailed_at" > ${mailedSince}::timestamptz))`;
}

type Claimed = { title: string; submittedById: string };

/** A title on the one line of its item: the line breaks a title may hold would otherwise write lines of the message (a "sign in again at …" of the submitter's). */
function oneLine(title: string): string {
  return title.replace(/\s*[\r\n\u0085\u2028\u2029]+\s*/g, " ").trim();
}

async function claimTitles(tx: Db, ids: (string | null)[]): Promise<Map<string, Claimed>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: claims.id, title: claims.title, submittedById: claims.submittedById }).from(claims).where(inArray(claims.id, wanted));
  return new Map(rows.map((r) => [r.id, { title: r.title, submittedById: r.submittedById }]));
}
