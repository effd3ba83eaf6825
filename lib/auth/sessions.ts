import "server-only";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { sessions, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type LanguagePreference, languagePreferenceOf } from "@/lib/i18n/locales";
import { isUuid } from "@/lib/validation/uuid";
import type { Actor } from "./permissions";

/** How long a session lasts from sign-in; the cookie's JWT gets the same lifetime. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
// `last_seen_at` says roughly when a session was last used; a write per request would be waste.
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
// Ended and expired rows stay a month (someone may ask where they were signed in), then go.
export const PRUNE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
const USER_AGENT_MAX = 300;

/** What the session cookie says about itself: its row, its user, and the user's session version then. */
export type SessionClaims = { sessionId: string; userId: string; sessionVersion: number };

/**
 * A new session for a user who has just proved who they are, with its row's id for the cookie.
 * Deletes that user's sessions expired more than a month ago, so the table does not grow without
 * bound. Call inside the sign-in's transaction.
 */
export async function startSession(tx: Db, userId: string, { userAgent }: { userAgent?: string | null } = {}) {
  const now = Date.now();
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date(now - PRUNE_AFTER_MS))));
  const [row] = await tx
    .insert(sessions)
    .values({ userId, expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000), userAgent: userAgent?.slice(0, USER_AGENT_MAX) || null })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  return row;
}

/** Who a session cookie signs in, and the language they chose (which the request's pages speak). */
export type SignedIn = { actor: Actor; language: LanguagePreference };

/**
 * The person of a session cookie, checked against the database on every request in one query: the
 * session is not ended or expired and is this user's, the user is active, and their role has not
 * changed since (`session_version`). A cookie from before sessions had rows names none: refused.
 * The same row gives their language setting, so choosing the page's language costs no second read.
 */
export async function findSignedIn(db: Db, session: SessionClaims): Promise<SignedIn | null> {
  if (!isUuid(session.sessionId) || !isUuid(session.userId)) return null;
  const now = new Date();
  const [row] = await db
    .select({ id: users.id, role: users.role, name: users.name, locale: users.locale, digits: users.digits, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, session.sessionId),
        eq(sessions.userId, session.userId),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, now),
        eq(users.isActive, true),
        eq(users.sessionVersion, session.sessionVersion),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.sessionId));
  }
  return { actor: { id: row.id, role: row.role, name: row.name }, language: languagePreferenceOf(row) };
}

/** The actor alone of a session cookie (see findSignedIn). */
export async function findActorBySession(db: Db, session: SessionClaims): Promise<Actor | null> {
  return (await findSignedIn(db, session))?.actor ?? null;
}

/**
 * Ends a session (sign-out) and audits it, in one transaction. A session already ended, or not
 * this user's, is left as it is and not audited again; answers whether this call ended it.
 */
export async function endSession(db: Db, session: Omit<SessionClaims, "sessionVersion">, reason: "signed_out"): Promise<boolean> {
  if (!isUuid(session.sessionId) || !isUuid(session.userId)) return false;
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(and(eq(sessions.id, session.sessionId), eq(sessions.userId, session.userId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    if (ended.length === 0) return false;
    await appendAuditEvent(tx, session.userId, {
      type: "session.ended",
      entity: { type: "user", id: session.userId },
      data: { sessionId: session.sessionId, reason },
    });
    return true;
  });
}
