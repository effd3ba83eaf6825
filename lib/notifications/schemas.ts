import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";
import { ZLimit } from "@/lib/validation/cursor";
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/vocabulary";
import { REMINDER_DAYS_MAX } from "./defaults";

/** The inbox's orders: unread first (then the read ones), or newest first. */
export const INBOX_ORDERS = ["unread", "newest"] as const;
export type InboxOrder = (typeof INBOX_ORDERS)[number];

/** The inbox's query (other parameters are ignored, as every list's are). */
export const ZNotificationQuery = z.object({ order: z.enum(INBOX_ORDERS).default("unread"), cursor: z.string().max(300).optional(), limit: ZLimit });
export type TNotificationQuery = z.input<typeof ZNotificationQuery>;

/** Which notifications to mark read: some of one's own (`ids`), or all of them. */
export const ZMarkRead = z
  .object({ ids: z.array(z.uuid()).min(1).max(100).optional(), all: z.boolean().optional() })
  .strict()
  .refine((d) => (d.ids !== undefined) !== (d.all === true), messageRef("validation.idsOrAll"));
export type TMarkRead = z.input<typeof ZMarkRead>;

/** A person's choice per kind; a kind not named keeps its delivery. */
export const ZNotificationPreferences = z
  .object(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.enum(NOTIFICATION_DELIVERIES).optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [D in (typeof NOTIFICATION_DELIVERIES)[number]]: D }>>>)
  .strict();
export type TNotificationPreferences = z.input<typeof ZNotificationPreferences>;

/** The team's settings (an admin's): the reminder's quiet days, whether mail may name claims. */
export const ZNotificationSettings = z.object({ reminderDays: z.coerce.number().int().min(1).max(REMINDER_DAYS_MAX), titlesInMail: z.boolean() }).strict();
export type TNotificationSettings = z.input<typeof ZNotificationSettings>;
