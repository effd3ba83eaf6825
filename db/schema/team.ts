import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { evidence } from "./evidence";
import { users } from "./users";

/**
 * Comments on a claim or on one of its evidence items (`evidence_id`): internal, never public.
 * `mentions` are the ids of the people the text named with @ (each could see the claim when it was
 * written). An edit keeps the earlier text in the audit log; a deletion empties `body` and keeps
 * who deleted it and why, so the thread shows "deleted by X: reason".
 */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    evidenceId: uuid("evidence_id").references(() => evidence.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    mentions: jsonb("mentions").$type<string[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true, precision: 3 }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    deletedById: uuid("deleted_by_id").references(() => users.id),
    deleteReason: text("delete_reason"),
  },
  (t) => [index("comments_claim_idx").on(t.claimId, t.createdAt, t.id), index("comments_evidence_idx").on(t.evidenceId, t.createdAt, t.id)],
);

/** Who watches a claim: told when it changes. One watches what one submits, is assigned or comments on. */
export const claimWatchers = pgTable(
  "claim_watchers",
  {
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.userId] }), index("claim_watchers_user_idx").on(t.userId)],
);

/**
 * A person's notifications, made after commit from the audit events (`event_seq`, the event that
 * caused it; unique per person and kind, so making them twice makes nothing), or by the reminder
 * sweep (no event). `mail`: how it is to be mailed ("now", "digest"), `mailed_at` once it was.
 * `data` holds codes only (the transition's action, the new state), never a title or a name.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    claimId: uuid("claim_id").references(() => claims.id),
    commentId: uuid("comment_id").references(() => comments.id),
    actorId: uuid("actor_id").references(() => users.id),
    eventSeq: bigint("event_seq", { mode: "number" }),
    data: jsonb("data").$type<Record<string, string | number | boolean>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true, precision: 3 }),
    mail: text("mail"),
    mailedAt: timestamp("mailed_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt, t.id),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`read_at is null`),
    index("notifications_unmailed_idx")
      .on(t.userId, t.mail)
      .where(sql`mail is not null and mailed_at is null`),
    uniqueIndex("notifications_event_idx").on(t.userId, t.eventSeq, t.kind),
    index("notifications_claim_idx").on(t.claimId, t.kind),
  ],
);

/** Per person and kind of notification: "off", "app", "email" (at once) or "digest" (daily). A missing row is the kind's default. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    delivery: text("delivery").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** The team's notification settings, one row ("team"): the reminder's days, whether mail may name claims. */
export const notificationSettings = pgTable("notification_settings", {
  id: text("id").primaryKey(),
  reminderDays: integer("reminder_days").notNull().default(3),
  titlesInMail: boolean("titles_in_mail").notNull().default(false),
  lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How far a projection of the audit log has read (`seq`): the notifications' fan-out takes the row
 * FOR UPDATE, so servers take turns and no event is fanned out twice.
 */
export const projectionCursors = pgTable("projection_cursors", {
  name: text("name").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
});

/** A named set of queue filters: its owner's, or shared with the team (`shared`). */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    filters: jsonb("filters").$type<Record<string, string>>().notNull(),
    shared: boolean("shared").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("saved_views_owner_idx").on(t.ownerId, t.createdAt), index("saved_views_shared_idx").on(t.shared, t.createdAt)],
);
