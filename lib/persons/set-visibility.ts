import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claimPersons } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/uuid";
import { listClaimPersons } from "./list-claim-persons";
import { ZSetPersonVisibility } from "./schemas";

/** An editor's decision to publish (or withdraw) a person named in a claim. */
export async function setClaimPersonVisibility(db: Db, actor: Actor | null, claimId: string, linkId: string, input: { isPublic: boolean; version: number }) {
  await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "persons.publish");
  const { isPublic, version } = parseInput(ZSetPersonVisibility, input);
  const [link] = isUuid(linkId)
    ? await db
        .select({ id: claimPersons.id, personId: claimPersons.personId, role: claimPersons.role, isPublic: claimPersons.isPublic, version: claimPersons.version })
        .from(claimPersons)
        .where(and(eq(claimPersons.id, linkId), eq(claimPersons.claimId, claimId)))
    : [];
  if (!link) throw new AppError("NOT_FOUND", "No such person in this claim.");
  assertCurrentVersion(version, link.version, "person's visibility");
  if (link.isPublic !== isPublic) {
    await db.transaction(async (tx) => {
      await updateVersioned(tx, claimPersons, { id: link.id, version }, { isPublic }, "person's visibility");
      await appendAuditEvent(tx, actor.id, {
        type: "claim.person_visibility_changed",
        entity: { type: "claim", id: claimId },
        data: { personId: link.personId, role: link.role, version: version + 1, changes: { isPublic: { before: link.isPublic, after: isPublic } } },
      });
    });
  }
  return (await listClaimPersons(db, actor, claimId)).find((l) => l.linkId === link.id)!;
}
