import "server-only";
import { and, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { sessions, twoFactorPolicy, users, webauthnCredentials } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type LanguagePreference, languagePreferenceOf } from "@/lib/i18n/locales";
import { isUuid } from "@/lib/validation/uuid";
import type { AccountMethod, SessionEndReason } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { type Actor, assertCan, can } from "./permissions";

/** How long a session lasts from sign-in; the cookie's JWT gets the same lifetime. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
// `last_seen_at` says roughly when a session was last used; a write per request would be waste.
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
// Ended and expired rows stay a month (someone may ask where they were signed in), then go.
export const PRUNE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
const USER_AGENT_MAX = 300;
const ADDRESS_MAX = 100;

/** What the session cookie says about itself: its row, its user, and the user's session version then. */
export type SessionClaims = { sessionId: string; userId: string; sessionVersion: number };

/**
 * A new session for a user who has just proved who they are, with its row's id for the cookie.
 * Deletes that user's sessions expired more than a month ago, so the table does not grow without
 * bound. Call inside the sign-in's transaction.
 */
export async function startSession(
  tx: Db,
  userId: string,
  { userAgent, address, method = "credentials", awaitingSecondFactor = false }: { userAgent?: string | null; address?: string | null; method?: AccountMethod; awaitingSecondFactor?: boolean } = {},
) {
  const now = Date.now();
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, new Date(now - PRUNE_AFTER_MS))));
  const [row] = await tx
    .insert(sessions)
    .values({
      userId,
      expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: userAgent?.slice(0, USER_AGENT_MAX) || null,
      address: address?.slice(0, ADDRESS_MAX) || null,
      method,
      awaitingSecondFactor,
    })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  return row;
}

/**
 * The session of a person who has just given their first factor (a password, or the identity
 * provider's word), audited. A person with a second factor gets a session that opens nothing
 * until they give it (`awaitingSecondFactor`). Call inside the sign-in's transaction.
 */
export async function openSession(tx: Db, userId: string, how: { method: AccountMethod; userAgent?: string | null; address?: string | null }) {
  const awaitingSecondFactor = await hasSecondFactor(tx, userId);
  const started = await startSession(tx, userId, { ...how, awaitingSecondFactor });
  await appendAuditEvent(tx, userId, {
    type: "auth.sign_in_succeeded",
    entity: { type: "user", id: userId },
    data: { method: how.method, sessionId: started.id, ...(awaitingSecondFactor ? { awaitingSecondFactor } : {}) },
  });
  return { id: started.id, awaitingSecondFactor };
}

/** SQL: whether the person (`users.id` in the query) has a second factor: a TOTP app or a passkey. */
// The columns are named with their tables in full: drizzle writes a column in a sql`` fragment
// bare ("user_id" = "id"), which inside the subquery would read both from webauthn_credentials.
export const HAS_SECOND_FACTOR = sql<boolean>`(${users.totpEnabledAt} is not null or exists (select 1 from ${webauthnCredentials} where "webauthn_credentials"."user_id" = "users"."id"))`;

/** SQL, with `two_factor_policy` left-joined on the person's role: their role must have a second factor and they have none. */
export const MUST_ENROL = sql<boolean>`coalesce(${twoFactorPolicy.required}, false) and not ${HAS_SECOND_FACTOR}`;

export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ has: HAS_SECOND_FACTOR }).from(users).where(eq(users.id, userId));
  return !!row?.has;
}

/**
 * Ends every live session of a person but one (`except`: the one the change was made from), each
 * audited with why. Call inside the transaction of the change (a password changed or reset,
 * a deactivation, a second-factor reset). Answers how many were ended.
 */
export async function endSessionsOf(tx: Db, actorId: string | null, userId: string, reason: SessionEndReason, except?: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date()), except ? ne(sessions.id, except) : undefined))
    .returning({ id: sessions.id });
  for (const { id } of ended) {
    await appendAuditEvent(tx, actorId, { type: "session.ended", entity: { type: "user", id: userId }, data: { sessionId: id, reason } });
  }
  return ended.length;
}

/**
 * How far a session has got: "full" opens the workspace; "verify" is a sign-in that still owes its
 * second factor; "enrol" is a person whose role must have a second factor (the admin's policy)
 * and who has none yet. The last two open nothing but the second-factor and enrolment pages.
 */
export type SessionStage = "full" | "verify" | "enrol";

/** Who a session cookie signs in, how far the session has got, and the language they chose (which the request's pages speak). */
export type SignedIn = { actor: Actor; language: LanguagePreference; stage: SessionStage; sessionId: string };

/**
 * The person of a session cookie, checked against the database on every request in one query: the
 * session is not ended or expired and is this user's, the user is active, and their role has not
 * changed since (`session_version`). A cookie from before sessions had rows names none: refused.
 * The same row gives their language setting and the session's stage, so neither costs a second read.
 */
export async function findSignedIn(db: Db, session: SessionClaims): Promise<SignedIn | null> {
  if (!isUuid(session.sessionId) || !isUuid(session.userId)) return null;
  const now = new Date();
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      locale: users.locale,
      digits: users.digits,
      lastSeenAt: sessions.lastSeenAt,
      awaitingSecondFactor: sessions.awaitingSecondFactor,
      mustEnrol: MUST_ENROL,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(twoFactorPolicy, eq(twoFactorPolicy.role, users.role))
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
  const stage: SessionStage = row.awaitingSecondFactor ? "verify" : row.mustEnrol ? "enrol" : "full";
  return { actor: { id: row.id, role: row.role, name: row.name }, language: languagePreferenceOf(row), stage, sessionId: session.sessionId };
}

/** The actor of a session cookie that opens the workspace (see findSignedIn): none while a second factor is owed or must be enrolled. */
export async function findActorBySession(db: Db, session: SessionClaims): Promise<Actor | null> {
  const signedIn = await findSignedIn(db, session);
  return signedIn?.stage === "full" ? signedIn.actor : null;
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

/** A session as its person and the admins see it (no secret is kept in a session row). */
export type SessionDto = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
  userAgent: string | null;
  address: string | null;
  method: string;
  awaitingSecondFactor: boolean;
  /** The session this request is made with. */
  current: boolean;
};

/**
 * A person's live sessions, most recently seen first: their own (any signed-in person), or
 * anyone's for an admin (FORBIDDEN otherwise). `current` marks the one asking, when given.
 */
export async function listSessions(db: Db, actor: Actor | null, userId: string, currentSessionId?: string): Promise<SessionDto[]> {
  assertSelfOrAdmin(actor, userId);
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      endedAt: sessions.endedAt,
      userAgent: sessions.userAgent,
      address: sessions.address,
      method: sessions.method,
      awaitingSecondFactor: sessions.awaitingSecondFactor,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    current: r.id === currentSessionId,
  }));
}

/**
 * Ends one session from the sessions list: the person's own (any of them, this one too), or
 * anyone's for an admin. Another's session is NOT_FOUND; one already ended changes nothing.
 * Audited with who ended it. Answers whether this call ended it.
 */
export async function endSessionById(db: Db, actor: Actor | null, sessionId: string): Promise<boolean> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const notFound = new AppError("NOT_FOUND", tr("errors.sessions.notFound"));
  if (!isUuid(sessionId)) throw notFound;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ userId: sessions.userId, endedAt: sessions.endedAt }).from(sessions).where(eq(sessions.id, sessionId)).for("update");
    const own = row?.userId === actor.id;
    if (!row || (!own && !can(actor, "users.manage"))) throw notFound;
    if (row.endedAt) return false;
    await tx.update(sessions).set({ endedAt: new Date() }).where(eq(sessions.id, sessionId));
    await appendAuditEvent(tx, actor.id, {
      type: "session.ended",
      entity: { type: "user", id: row.userId },
      data: { sessionId, reason: own ? "ended_by_user" : "ended_by_admin" },
    });
    return true;
  });
}

function assertSelfOrAdmin(actor: Actor | null, userId: string): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  if (actor.id !== userId) assertCan(actor, "users.manage");
}
