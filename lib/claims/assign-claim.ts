import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { getClaim } from "./get-claim";
import { ZAssignClaim } from "./schemas";
import { findVisibleClaim } from "./scope";

import { type CLAIM_CHANGE_VIAS, TAKEOVER_GUARD } from "@/lib/vocabulary";
import { isClaimOpen } from "@/lib/workflow/open-states";
import { tr } from "@/lib/i18n/translate";

/**
 * Give an open claim to a reviewer or editor to work on (or to nobody). A claim someone else has
 * is not taken from them unnoticed: replacing or releasing another's assignment needs
 * `takeOver: true`, and its audit event names whom it was taken from. `via` records a bulk action's
 * share in the event.
 */
export async function assignClaim(db: Db, actor: Actor | null, claimId: string, input: unknown, { via }: { via?: (typeof CLAIM_CHANGE_VIAS)[number] } = {}) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const data = parseInput(ZAssignClaim, input);
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.assign");
  assertCurrentVersion(data.version, claim.version, "claim");
  if (!isClaimOpen(claim.state)) {
    throw new AppError("INVALID_STATE", tr("errors.claims.notAssignedInState", { state: claim.state }), { guard: "state" });
  }
  if (data.assigneeId) {
    const [assignee] = await db
      .select({ id: users.id, role: users.role, name: users.name, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, data.assigneeId));
    if (!assignee || !assignee.isActive || !can(assignee, "claims.assign")) {
      throw new AppError("INVALID_STATE", tr("errors.claims.assigneeRole"), { guard: "assignee" });
    }
  }
  // Someone else has it, and this would give it to another or to nobody: a takeover. (Releasing
  // one's own, assigning an unassigned claim or re-sending the same assignee is not one.) The
  // version check above makes this read of the assignee the one the write replaces.
  const takenOverFrom =
    claim.assigneeId && claim.assigneeId !== data.assigneeId && claim.assigneeId !== actor.id
      ? await currentAssignee(db, claim.assigneeId)
      : null;
  if (takenOverFrom && data.takeOver !== true) {
    throw new AppError("CONFLICT", tr("errors.claims.heldBy", { name: takenOverFrom.name }), { guard: TAKEOVER_GUARD });
  }
  // The same assignee again changes nothing: no new version, no empty event in the log.
  if ((claim.assigneeId ?? null) === (data.assigneeId ?? null)) return getClaim(db, actor, claim.id);
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, claims, { id: claim.id, version: data.version }, { assigneeId: data.assigneeId, updatedAt: new Date() }, "claim");
    // The person replaced sees the takeover in the claim's history; telling them as it happens
    // comes with notifications, a later issue.
    await appendAuditEvent(tx, actor.id, {
      type: "claim.assigned",
      entity: { type: "claim", id: claim.id },
      data: {
        version: updated.version,
        changes: diffFields({ assigneeId: claim.assigneeId }, { assigneeId: data.assigneeId }),
        ...(takenOverFrom ? { takenOverFrom } : {}),
        ...(via ? { via } : {}),
      },
    });
  });
  return getClaim(db, actor, claim.id);
}

async function currentAssignee(db: Db, id: string): Promise<{ id: string; name: string }> {
  const [user] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id));
  // claims.assignee_id references users, so the row is there; the fallback only satisfies the type.
  return user ?? { id, name: "Someone else" };
}
