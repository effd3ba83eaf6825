import type { NotificationDelivery, NotificationKind } from "@/lib/vocabulary";

/**
 * How each kind reaches a person who has not chosen (no `notification_preferences` row). What asks
 * something of them (a mention, a claim given to them) comes by e-mail at once; the reminder in the
 * daily digest; news of claims they follow stays in the inbox.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, NotificationDelivery> = {
  mentioned: "email",
  assigned: "email",
  submitted_changed: "app",
  watched_changed: "app",
  sent_to_review: "app",
  reminder: "digest",
};

/** Longest a reminder's quiet spell may be set to, in days. */
export const REMINDER_DAYS_MAX = 90;

/** The unread count (the header's, the inbox's) stops here, shown as "99+": no request counts a large table. */
export const UNREAD_CAP = 100;
