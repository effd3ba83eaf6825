import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    // Null for a person who signs in only through the organisation's identity provider, or who
    // has not yet accepted their invitation.
    passwordHash: text("password_hash"),
    // Null while an invitation is pending: the person exists (an admin invited this address, with
    // this role) but has not yet set a password or signed in through the identity provider.
    joinedAt: timestamp("joined_at", { withTimezone: true }),
    // The identity provider's subject for this person, bound at their first organisation sign-in.
    oidcSubject: text("oidc_subject"),
    // TOTP (RFC 6238): the secret, encrypted with a key from AUTH_SECRET (lib/auth/secret-box.ts);
    // a secret being enrolled waits in `totp_pending_secret` until a code from it is checked. The
    // last time step accepted, so a code is never accepted twice.
    totpSecret: text("totp_secret"),
    totpPendingSecret: text("totp_pending_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    isActive: boolean("is_active").notNull().default(true),
    // Bumped on role change or deactivation so existing sessions stop working.
    sessionVersion: integer("session_version").notNull().default(1),
    // Graphic media is blurred and muted by default; a person may turn that off for themselves.
    revealGraphicMedia: boolean("reveal_graphic_media").notNull().default(false),
    // Plays the low-bandwidth working copy of a video by default, and loads nothing large unasked.
    lowBandwidth: boolean("low_bandwidth").notNull().default(false),
    /** A claim being written is kept on this person's devices until sent (off: nothing is, for a phone that may be seized). */
    deviceDrafts: boolean("device_drafts").notNull().default(true),
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
    // Null: the token does not expire. A read-only token is refused (403) on every write.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    readOnly: boolean("read_only").notNull().default(false),
    // Who made it: the person themselves (settings) or an admin; null for the command line.
    createdBy: uuid("created_by"),
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
    // The address the sign-in came from (as lib/auth/client-address.ts reads it).
    address: text("address"),
    // How the first factor was given: "credentials" (password) or "oidc".
    method: text("method").notNull().default("credentials"),
    // True from a password (or OIDC) sign-in of a person with a second factor until they give it:
    // such a session opens nothing but the second-factor page.
    awaitingSecondFactor: boolean("awaiting_second_factor").notNull().default(false),
    // A WebAuthn ceremony's challenge (registration or sign-in), one at a time, and when it lapses.
    challenge: text("challenge"),
    challengeExpiresAt: timestamp("challenge_expires_at", { withTimezone: true }),
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

/**
 * One-time links sent by e-mail: an invitation (the person's row exists, `joined_at` null) or a
 * password reset. Only the token's SHA-256 is kept; a link works once, until `expires_at`, and a
 * new link of the same purpose for the same person supersedes the old one.
 */
export const accountLinks = pgTable(
  "account_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("account_links_hash_idx").on(t.tokenHash), index("account_links_user_idx").on(t.userId, t.purpose)],
);

/** Ten one-time recovery codes per person with a second factor, each stored as a keyed hash. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Passkeys and security keys (WebAuthn credentials): the public key and the signature counter. */
export const webauthnCredentials = pgTable(
  "webauthn_credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    // The authenticator's credential id and the COSE public key, base64url.
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports"),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("webauthn_credentials_credential_idx").on(t.credentialId), index("webauthn_credentials_user_idx").on(t.userId)],
);

/** Which roles must enrol a second factor before they can do anything else (an admin's policy). */
export const twoFactorPolicy = pgTable("two_factor_policy", {
  role: roleEnum("role").primaryKey(),
  required: boolean("required").notNull().default(false),
});

/**
 * Outgoing mail, written in the transaction of the change it tells of (so a message is never lost
 * nor sent for a change that rolled back), then delivered through SMTP_URL by lib/mail/deliver.ts.
 * A delivered message keeps its envelope but not its body (which may hold a one-time link).
 * Without SMTP_URL nothing is delivered: the admin reads the messages in the app's outbox.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
  },
  (t) => [index("mail_outbox_created_idx").on(t.createdAt, t.id), index("mail_outbox_due_idx").on(t.nextAttemptAt)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Session = typeof sessions.$inferSelect;
