import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { tr } from "@/lib/i18n/translate";

/**
 * Take a person out of a claim (named there by mistake). The person and their names stay; the
 * audit log keeps the link that was removed.
 */
export async function removeClaimPerson(db: Db, actor: Actor | null, claimId: string, linkId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "persons.add");
  assertClaimOpen(claim.state, "personsRemoved");
  await db.transaction(async (tx) => {
    const [removed] = isUuid(linkId)
      ? await tx
          .delete(claimPersons)
          .where(and(eq(claimPersons.id, linkId), eq(claimPersons.claimId, claimId)))
          .returning({ personId: claimPersons.personId, role: claimPersons.role, isPublic: claimPersons.isPublic })
      : [];
    if (!removed) throw new AppError("NOT_FOUND", tr("errors.persons.notInClaim"));
    await appendAuditEvent(tx, actor.id, { type: "claim.person_unlinked", entity: { type: "claim", id: claimId }, data: removed });
  });
}
