import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";
import { tr } from "@/lib/i18n/translate";

/**
 * The claims an actor may see: all of them with `claims.read_all`, otherwise only their own.
 * Returns null for someone who may see none (signed out).
 */
export function visibleClaimsWhere(actor: Actor | null): SQL | undefined | null {
  if (!actor) return null;
  if (can(actor, "claims.read_all")) return undefined;
  return eq(claims.submittedById, actor.id);
}

/** The same rule in memory, for someone not the request's actor (a notification's recipient): may they see this claim now? */
export function canSeeClaim(person: Pick<Actor, "id" | "role">, claim: { submittedById: string }): boolean {
  return can({ ...person, name: "" }, "claims.read_all") || claim.submittedById === person.id;
}

/**
 * A claim as the actor may see it, or NOT_FOUND — also for claims that exist but are out of
 * their scope, so ids cannot be probed.
 */
export async function findVisibleClaim(db: Db, actor: Actor | null, claimId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const scope = visibleClaimsWhere(actor);
  if (scope === null || !isUuid(claimId)) throw new AppError("NOT_FOUND", tr("errors.claims.notFound"));
  const [claim] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.id, claimId), scope));
  if (!claim) throw new AppError("NOT_FOUND", tr("errors.claims.notFound"));
  return claim;
}
