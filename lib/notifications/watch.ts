import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimWatchers } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";

/**
 * Watching a claim one can see (404 otherwise): told when it changes state or is commented on.
 * One watches what one submits, is assigned or comments on without asking (the fan-out starts
 * it). Not audited: whom a claim's news reaches is the person's own choice, not the claim's story.
 */
export async function setWatching(db: Db, actor: Actor | null, claimId: string, watching: boolean): Promise<{ claimId: string; watching: boolean }> {
  const claim = await findVisibleClaim(db, actor, claimId);
  if (watching) await db.insert(claimWatchers).values({ claimId: claim.id, userId: actor!.id }).onConflictDoNothing();
  else await db.delete(claimWatchers).where(and(eq(claimWatchers.claimId, claim.id), eq(claimWatchers.userId, actor!.id)));
  return { claimId: claim.id, watching };
}

export const watchClaim = (db: Db, actor: Actor | null, claimId: string) => setWatching(db, actor, claimId, true);
export const unwatchClaim = (db: Db, actor: Actor | null, claimId: string) => setWatching(db, actor, claimId, false);

/** Whether the actor watches a claim (for its page's button); the caller has already found the claim visible. */
export async function isWatching(db: Db, actor: Actor, claimId: string): Promise<boolean> {
  const [row] = await db.select({ userId: claimWatchers.userId }).from(claimWatchers).where(and(eq(claimWatchers.claimId, claimId), eq(claimWatchers.userId, actor.id)));
  return !!row;
}
