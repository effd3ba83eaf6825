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

import { isClaimOpen } from "@/lib/workflow/open-states";

/** Give an open claim to a reviewer or editor to work on (or to nobody). */
export async function assignClaim(db: Db, actor: Actor | null, claimId: string, input: unknown) {
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  const data = parseInput(ZAssignClaim, input);
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "claims.assign");
  assertCurrentVersion(data.version, claim.version, "claim");
  if (!isClaimOpen(claim.state)) {
    throw new AppError("INVALID_STATE", `A claim in ${claim.state} is not assigned.`, { guard: "state" });
  }
  if (data.assigneeId) {
    const [assignee] = await db
      .select({ id: users.id, role: users.role, name: users.name, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, data.assigneeId));
    if (!assignee || !assignee.isActive || !can(assignee, "claims.assign")) {
      throw new AppError("INVALID_STATE", "Claims are assigned to active reviewers and editors.", { guard: "assignee" });
    }
  }
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx, claims, { id: claim.id, version: data.version }, { assigneeId: data.assigneeId, updatedAt: new Date() }, "claim");
    await appendAuditEvent(tx, actor.id, {
      type: "claim.assigned",
      entity: { type: "claim", id: claim.id },
      data: { version: updated.version, changes: diffFields({ assigneeId: claim.assigneeId }, { assigneeId: data.assigneeId }) },
    });
  });
  return getClaim(db, actor, claim.id);
}
