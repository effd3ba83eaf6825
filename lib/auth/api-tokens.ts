import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { apiTokens, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { AppError } from "@/lib/errors/app-error";
import { auditActorId } from "@/lib/users/actor-id";
import { type TCreateToken, ZCreateToken } from "@/lib/users/schemas";
import { parseInput } from "@/lib/validation/parse";
import { type Actor, assertCan } from "./permissions";
import { tr } from "@/lib/i18n/translate";

const TOKEN_PREFIX = "cbr_";

// Tokens carry 256 random bits, so one round of SHA-256 is enough; no salt or slow hash needed.
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token and returns it once; only its hash is stored. */
export async function createApiToken(db: Db, actor: Actor, input: TCreateToken) {
  assertCan(actor, "tokens.manage");
  const { email, label } = parseInput(ZCreateToken, input);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) throw new AppError("NOT_FOUND", tr("errors.users.noUserHasEmail", { email }));
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: user.id, tokenHash: hashToken(token), label })
      .returning({ id: apiTokens.id });
    await appendAuditEvent(tx as unknown as Db, auditActorId(actor), {
      type: "token.created",
      entity: { type: "user", id: user.id },
      data: { tokenId: row.id, label },
    });
    return { id: row.id, token };
  });
}

/** The actor behind a bearer token, or null when the token is unknown, revoked or its user inactive. */
export async function findActorByToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await db
    .select({ id: users.id, role: users.role, name: users.name, isActive: users.isActive, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row || !row.isActive) return null;
  // When a token was last used tells an admin which ones are stale; at most one write a minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  }
  return { id: row.id, role: row.role, name: row.name };
}
