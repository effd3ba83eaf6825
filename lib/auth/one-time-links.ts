import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { accountLinks } from "@/db/schema";
import { hashToken } from "./api-tokens";

/**
 * The links sent by e-mail: an invitation (72 hours) and a password reset (1 hour). Each carries
 * 256 random bits; only their SHA-256 is stored. A link works once and until it expires, and a
 * new link of the same purpose for the same person supersedes the old one.
 */
export const LINK_PURPOSES = {
  invitation: { ttlMs: 72 * 60 * 60 * 1000, path: "/invite" },
  password_reset: { ttlMs: 60 * 60 * 1000, path: "/reset-password" },
} as const;
export type LinkPurpose = keyof typeof LINK_PURPOSES;

export type IssuedLink = { id: string; token: string; expiresAt: Date; path: string };

/** A new link for a person (call in the transaction of the change it belongs to); the token is returned once. */
export async function issueLink(tx: Db, userId: string, purpose: LinkPurpose, createdBy: string | null): Promise<IssuedLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + LINK_PURPOSES[purpose].ttlMs);
  await supersedeLinks(tx, userId, purpose);
  const [row] = await tx.insert(accountLinks).values({ userId, purpose, tokenHash: hashToken(token), createdBy, expiresAt }).returning({ id: accountLinks.id });
  return { id: row.id, token, expiresAt, path: `${LINK_PURPOSES[purpose].path}/${token}` };
}

/** Marks a person's unused links of a purpose used, so none of them works any more. */
export async function supersedeLinks(tx: Db, userId: string, purpose: LinkPurpose): Promise<void> {
  await tx
    .update(accountLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, purpose), isNull(accountLinks.usedAt)));
}

/** A link's token as it can be looked up: base64url of 32 bytes, nothing else. */
function wellFormed(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The live link of a token (unused, unexpired), for a page that shows what it is for; null otherwise. */
export async function findLiveLink(db: Db, token: string, purpose: LinkPurpose) {
  if (!wellFormed(token)) return null;
  const [row] = await db
    .select({ id: accountLinks.id, userId: accountLinks.userId, expiresAt: accountLinks.expiresAt })
    .from(accountLinks)
    .where(and(eq(accountLinks.tokenHash, hashToken(token)), eq(accountLinks.purpose, purpose), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, new Date())));
  return row ?? null;
}

/**
 * Uses a link up, once: a single guarded UPDATE, so two requests with the same link cannot both
 * succeed. Call inside the transaction of what the link does; null for an unknown, used or expired link.
 */
export async function consumeLink(tx: Db, token: string, purpose: LinkPurpose) {
  if (!wellFormed(token)) return null;
  const [row] = await tx
    .update(accountLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(accountLinks.tokenHash, hashToken(token)), eq(accountLinks.purpose, purpose), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, new Date())))
    .returning({ id: accountLinks.id, userId: accountLinks.userId });
  return row ?? null;
}
