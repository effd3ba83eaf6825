import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { isClaimOpen } from "@/lib/workflow/open-states";
import { getClaim } from "./get-claim";
import { ZTakeNext } from "./schemas";

/** The guard of a take-next that found nothing to take: a 404 that says so, not a missing claim. */
export const NONE_LEFT_GUARD = "none_left";

/**
 * Give the caller the claim that has waited longest, unassigned, in a state (triage unless named),
 * optionally of one kind. The row is taken `FOR UPDATE SKIP LOCKED`: two people pressing "take
 * next" at once each lock a different claim (the second skips the first's), so nobody gets a claim
 * twice; the version check of the write is then a formality. Audited as `claim.assigned` via
 * `take_next`. Nothing left: 404 with the guard `none_left`.
 */
export async function takeNextClaim(db: Db, actor: Actor | null, input: unknown) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  assertCan(actor, "claims.assign");
  const { state, kind } = parseInput(ZTakeNext, input);
  if (!isClaimOpen(state)) throw new AppError("INVALID_STATE", tr("errors.claims.notAssignedInState", { state }), { guard: "state" });

  const takenId = await db.transaction(async (tx) => {
    const [next] = await tx
      .select({ id: claims.id, version: claims.version })
      .from(claims)
      .where(and(eq(claims.state, state), isNull(claims.assigneeId), kind ? eq(claims.kind, kind) : undefined))
      .orderBy(asc(claims.stateChangedAt), asc(claims.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) return null;
    const updated = await updateVersioned(tx, claims, next, { assigneeId: actor.id, updatedAt: new Date() }, "claim", isNull(claims.assigneeId));
    await appendAuditEvent(tx, actor.id, {
      type: "claim.assigned",
      entity: { type: "claim", id: next.id },
      data: { version: updated.version, changes: diffFields({ assigneeId: null as string | null }, { assigneeId: actor.id }), via: "take_next" },
    });
    return next.id;
  });
  if (!takenId) throw new AppError("NOT_FOUND", tr("errors.claims.noneLeft", { state }), { guard: NONE_LEFT_GUARD });
  return getClaim(db, actor, takenId);
}
