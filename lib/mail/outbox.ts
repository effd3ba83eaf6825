import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { mailOutbox, users } from "@/db/schema";
import { reportCommitted } from "@/lib/effects/committed";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";

/**
 * The messages Corroborate sends. Each says only what happened to the account and, where there is
 * one, a link: never a claim's content, a victim's or a source's name (a mailbox is read by more
 * people, and on more devices, than the workspace).
 */
export type MailMessage =
  | { kind: "invitation"; link: string; role: string; expiresAt: Date; /** The person joins through the organisation's sign-in (passwords are off). */ viaOrganisation?: boolean }
  | { kind: "passwordReset"; link: string; expiresAt: Date }
  | { kind: "passwordChanged"; how: "changed" | "reset" }
  | { kind: "roleChanged"; role: string }
  | { kind: "emailChanged"; email: string }
  | { kind: "factorAdded"; factor: string }
  | { kind: "factorRemoved"; factor: string; byAdmin: boolean }
  | { kind: "deactivated" }
  /** Notifications (lib/notifications/mail.ts): how many, the inbox's link, and `items` (claim titles) only when an admin allows them, else "". */
  | { kind: "notifications"; count: number; link: string; items: string };

/** Subject and text of a message in a language (the catalogue's `mail` namespace). */
export function composeMail(message: MailMessage, locale: Locale): { subject: string; text: string } {
  const t = translatorFor(locale);
  const { kind, ...rest } = message;
  const values: Record<string, string | Date> = {};
  for (const [key, value] of Object.entries(rest)) {
    values[key] = key === "role" ? (t.has(`roles.${String(value)}` as never) ? t(`roles.${String(value)}` as never) : String(value)) : key === "factor" ? t(`audit.word.factor.${String(value)}` as never) : (value as string | Date);
  }
  // A yes-or-no says so to the message's select.
  for (const [key, value] of Object.entries(rest)) if (typeof value === "boolean") values[key] = value ? "yes" : "no";
  if (message.kind === "invitation") values.viaOrganisation = message.viaOrganisation ? "yes" : "no";
  // A message that lists claim titles (an admin allowed them) does not say that it names none.
  const named = message.kind === "notifications" && message.items !== "";
  if (message.kind === "notifications") values.named = named ? "yes" : "no";
  const body = t(`mail.${kind}.body` as never, values as never);
  return { subject: t(`mail.${kind}.subject` as never, values as never), text: `${body}\n\n${t((named ? "mail.footerNamed" : "mail.footer") as never)}\n` };
}

/**
 * A link for a message: on the site's configured address (`PUBLIC_URL`, required with SMTP_URL).
 * Without it, `askedOrigin` when the one asking chose it for themselves (an admin's invitation, read
 * back in the outbox on the same site), else a path: an anonymous request's Host never shapes a link.
 */
export function mailedLink(path: string, askedOrigin?: string): string {
  return `${env.PUBLIC_URL ?? askedOrigin ?? ""}${path}`;
}

/** The language a person reads their mail in: their setting, else the default. */
export async function mailLocaleOf(db: Db, userId: string): Promise<Locale> {
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return isLocale(row?.locale) ? row.locale : DEFAULT_LOCALE;
}

/**
 * Queues a message in the transaction of the change it tells of: committed together, it is never
 * lost nor sent for a change that rolled back. Delivery follows the commit (lib/mail/deliver.ts);
 * without SMTP_URL the message stays in the outbox, which an admin reads.
 */
export async function queueMail(tx: Db, to: string, message: MailMessage, locale: Locale): Promise<string> {
  const { subject, text } = composeMail(message, locale);
  const [row] = await tx.insert(mailOutbox).values({ to, subject, text }).returning({ id: mailOutbox.id });
  reportCommitted({ type: "mail.queued" });
  return row.id;
}

/** A message to a person, in their language. */
export async function mailPerson(tx: Db, user: { id: string; email: string }, message: MailMessage): Promise<string> {
  return queueMail(tx, user.email, message, await mailLocaleOf(tx, user.id));
}
