import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { apiTokens, twoFactorPolicy, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { AppError } from "@/lib/errors/app-error";
import { auditActorId } from "@/lib/users/actor-id";
import { type TCreateOwnToken, type TCreateToken, ZCreateOwnToken, ZCreateToken } from "@/lib/users/schemas";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/uuid";
import { type Actor, assertCan, can } from "./permissions";
import { MUST_ENROL } from "./sessions";
import { tr } from "@/lib/i18n/translate";

const TOKEN_PREFIX = "cbr_";
const DAY_MS = 24 * 60 * 60 * 1000;

// Tokens carry 256 random bits, so one round of SHA-256 is enough; no salt or slow hash needed.
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as its person and the admins see it: never the token itself, nor its hash. */
export type ApiTokenDto = {
  id: string;
  label: string;
  readOnly: boolean;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const TOKEN_COLUMNS = {
  id: apiTokens.id,
  label: apiTokens.label,
  readOnly: apiTokens.readOnly,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

function tokenDto(row: { [K in keyof typeof TOKEN_COLUMNS]: (typeof TOKEN_COLUMNS)[K]["_"]["data"] | null }): ApiTokenDto {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id as string,
    label: row.label as string,
    readOnly: !!row.readOnly,
    createdAt: (row.createdAt as Date).toISOString(),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

/** Writes a token for a person and audits it; the token is returned once, only its hash is stored. */
async function insertToken(db: Db, actor: Actor, userId: string, { label, readOnly, expiresInDays }: { label: string; readOnly: boolean; expiresInDays: number | null }) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = expiresInDays === null ? null : new Date(Date.now() + expiresInDays * DAY_MS);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, tokenHash: hashToken(token), label, readOnly, expiresAt, createdBy: auditActorId(actor) })
      .returning(TOKEN_COLUMNS);
    await appendAuditEvent(tx as unknown as Db, auditActorId(actor), {
      type: "token.created",
      entity: { type: "user", id: userId },
      data: { tokenId: row.id, label, ...(readOnly ? { readOnly } : {}), ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
    });
    return { ...tokenDto(row), token };
  });
}

/** An admin makes a token for a person, by e-mail (the command line, the admin screen, the API). */
export async function createApiToken(db: Db, actor: Actor, input: TCreateToken) {
  assertCan(actor, "tokens.manage");
  const { email, ...rest } = parseInput(ZCreateToken, input);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new AppError("NOT_FOUND", tr("errors.users.noUserHasEmail", { email }));
  return insertToken(db, actor, user.id, rest);
}

/** A person makes a token of their own (settings): with an expiry (90 days unless they choose) and optionally read-only. */
export async function createOwnToken(db: Db, actor: Actor | null, input: TCreateOwnToken) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  assertCan(actor, "tokens.own");
  return insertToken(db, actor, actor.id, parseInput(ZCreateOwnToken, input));
}

/** A person's tokens, newest first: their own, or anyone's for an admin (404 for anyone else's). */
export async function listTokens(db: Db, actor: Actor | null, userId: string): Promise<ApiTokenDto[]> {
  assertOwnOrManage(actor, userId);
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
  const rows = await db.select(TOKEN_COLUMNS).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt)).limit(200);
  return rows.map(tokenDto);
}

/**
 * Revokes a token: its person's own, or any for an admin. Another's token is NOT_FOUND (nobody
 * learns which ids exist). Revoking a revoked token changes nothing and is not audited again.
 */
export async function revokeToken(db: Db, actor: Actor | null, tokenId: string): Promise<ApiTokenDto> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const notFound = new AppError("NOT_FOUND", tr("errors.tokens.notFound"));
  if (!isUuid(tokenId)) throw notFound;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ ...TOKEN_COLUMNS, userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, tokenId)).for("update");
    if (!row || (row.userId !== actor.id && !can(actor, "tokens.manage"))) throw notFound;
    if (row.userId === actor.id) assertCan(actor, "tokens.own");
    if (row.revokedAt) return tokenDto(row);
    const [revoked] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId)).returning(TOKEN_COLUMNS);
    await appendAuditEvent(tx, auditActorId(actor), { type: "token.revoked", entity: { type: "user", id: row.userId }, data: { tokenId, label: row.label } });
    return tokenDto(revoked);
  });
}

/**
 * Revokes every live token of a person, audited with why: a deactivation, or a password reset (a
 * person taking their account back also takes back what a stolen session may have minted). Call in
 * that change's transaction.
 */
export async function revokeTokensOf(tx: Db, actor: Actor, userId: string, reason: "deactivated" | "password_reset" = "deactivated"): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, label: apiTokens.label });
  for (const { id, label } of revoked) {
    await appendAuditEvent(tx, auditActorId(actor), { type: "token.revoked", entity: { type: "user", id: userId }, data: { tokenId: id, label, reason } });
  }
  return revoked.length;
}

/** Own data, or an admin's to manage; lib/ refuses anyone else with FORBIDDEN (they are signed in and know the id they asked for). */
function assertOwnOrManage(actor: Actor | null, userId: string): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  if (actor.id === userId) return assertCan(actor, "tokens.own");
  assertCan(actor, "tokens.manage");
}

/**
 * The actor behind a bearer token, or null when the token is unknown, revoked, expired or its user
 * inactive, or must enrol a second factor first (the admin's policy). A read-only token's actor says so (`readOnly`): the API refuses it every write.
 */
export async function findActorByToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      isActive: users.isActive,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      readOnly: apiTokens.readOnly,
      mustEnrol: MUST_ENROL,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(twoFactorPolicy, eq(twoFactorPolicy.role, users.role))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))));
  // A person whose role must have a second factor and has none opens nothing until they enrol: their tokens neither.
  if (!row || !row.isActive || row.mustEnrol) return null;
  // When a token was last used tells an admin which ones are stale; at most one write a minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  }
  return { id: row.id, role: row.role, name: row.name, ...(row.readOnly ? { readOnly: true as const } : {}) };
}
