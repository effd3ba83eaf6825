import "server-only";
import { and, desc, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { mailOutbox } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { type TOutboxQuery, ZOutboxQuery } from "@/lib/users/schemas";
import { decodeCursor, encodeCursor, ZCursorTimestamp } from "@/lib/validation/cursor";
import { asTimestamp, asUuid, pastCursor } from "@/lib/validation/keyset";
import { parseInput } from "@/lib/validation/parse";
import { mailIsDelivered, MAX_MAIL_ATTEMPTS } from "./deliver";

/**
 * A message of the outbox as the admin reads it. Without SMTP_URL the outbox is how mail reaches
 * people (the admin passes the link on), so its text is shown; with SMTP_URL only the delivery
 * state is (`text` null): the text of an undelivered message may hold someone's one-time link.
 */
export type OutboxMessageDto = {
  id: string;
  to: string;
  subject: string;
  text: string | null;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  /** "sent", "waiting" (to be tried, or kept for the admin without SMTP), "failed" (gave up). */
  state: "sent" | "waiting" | "failed";
  lastError: string | null;
};

/** The outbox, newest first, keyset-paginated (admins only); `delivered` says whether mail leaves this machine. */
export async function listOutbox(db: Db, actor: Actor | null, query: TOutboxQuery): Promise<{ delivered: boolean; items: OutboxMessageDto[]; nextCursor: string | null }> {
  assertCan(actor, "users.manage");
  const { cursor, limit } = parseInput(ZOutboxQuery, query);
  const after = decodeCursor(z.tuple([ZCursorTimestamp, z.uuid()]), cursor);
  const where: (SQL | undefined)[] = [];
  if (after) where.push(pastCursor([mailOutbox.createdAt, mailOutbox.id], [asTimestamp(after[0]), asUuid(after[1])], "desc"));
  const delivered = mailIsDelivered();
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      text: mailOutbox.text,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
    })
    .from(mailOutbox)
    .where(and(...where))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    delivered,
    items: page.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: delivered ? null : m.text,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
      attempts: m.attempts,
      state: m.sentAt ? "sent" : m.attempts >= MAX_MAIL_ATTEMPTS ? "failed" : "waiting",
      lastError: m.lastError,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
