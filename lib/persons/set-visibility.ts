import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/uuid";
import { listClaimPersons } from "./list-claim-persons";
import { ZSetPersonVisibility } from "./schemas";
import { tr } from "@/lib/i18n/translate";

/**
 * An editor's or reviewer's decision that a name may be published with the entry, on a stated
 * basis (already public, family consent, or other, stated), or its withdrawal: the name is private
 * again and the basis cleared. Both are audited with the basis before and after. Nothing else makes
 * a name public: adding, importing and merging persons leave every link private.
 */
export async function setClaimPersonVisibility(db: Db, actor: Actor | null, claimId: string, linkId: string, input: unknown) {
  await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "persons.publish");
  const { isPublic, basis, basisNote, version } = parseInput(ZSetPersonVisibility, input);
  const [link] = isUuid(linkId)
    ? await db
        .select({
          id: claimPersons.id,
          personId: claimPersons.personId,
          role: claimPersons.role,
          isPublic: claimPersons.isPublic,
          basis: claimPersons.publicationBasis,
          basisNote: claimPersons.publicationBasisNote,
          version: claimPersons.version,
        })
        .from(claimPersons)
        .where(and(eq(claimPersons.id, linkId), eq(claimPersons.claimId, claimId)))
    : [];
  if (!link) throw new AppError("NOT_FOUND", tr("errors.persons.notInClaim"));
  assertCurrentVersion(version, link.version, "personVisibility");
  const after = { isPublic, basis: isPublic ? basis! : null, basisNote: isPublic ? (basisNote ?? null) : null };
  const changes = diffFields({ isPublic: link.isPublic, basis: link.basis, basisNote: link.basisNote }, after);
  if (Object.keys(changes).length) {
    await db.transaction(async (tx) => {
      await updateVersioned(
        tx,
        claimPersons,
        { id: link.id, version },
        {
          isPublic,
          publicationBasis: after.basis,
          publicationBasisNote: after.basisNote,
          approvedById: isPublic ? actor.id : null,
          approvedAt: isPublic ? new Date() : null,
        },
        "personVisibility",
      );
      await appendAuditEvent(tx, actor.id, {
        type: "claim.person_visibility_changed",
        entity: { type: "claim", id: claimId },
        data: { personId: link.personId, role: link.role, version: version + 1, basis: after.basis, changes },
      });
    });
  }
  return (await listClaimPersons(db, actor, claimId)).find((l) => l.linkId === link.id)!;
}
