import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    // Bumped on role change or deactivation so existing sessions stop working.
    sessionVersion: integer("session_version").notNull().default(1),
    // Graphic media is blurred and muted by default; a person may turn that off for themselves.
    revealGraphicMedia: boolean("reveal_graphic_media").notNull().default(false),
    // The interface language a person chose (null: follow the browser), and Arabic's digits.
    locale: text("locale"),
    digits: text("digits").notNull().default("latn"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    // SHA-256 of the token; the token itself is shown once and never stored.
    tokenHash: text("token_hash").notNull(),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Signed-in sessions. The session cookie is a signed JWT carrying the row's id (`sid`); the row
 * holds no secret, only whether that session is still live: sign-out sets `ended_at`, and a cookie
 * whose row is ended, expired or gone is refused. Rows are pruned at the user's next sign-in once
 * they have been expired for a while.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Moved forward at most every few minutes, not on every request.
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    // The browser's User-Agent at sign-in, cut short, so a person can tell their sessions apart.
    userAgent: text("user_agent"),
  },
  // One user's sessions by expiry: their list, and the prune at sign-in.
  (t) => [index("sessions_user_expires_idx").on(t.userId, t.expiresAt)],
);

/** Failed sign-ins, for rate limiting per account and per address. Pruned as they age out. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_key_at_idx").on(t.key, t.at)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Session = typeof sessions.$inferSelect;
