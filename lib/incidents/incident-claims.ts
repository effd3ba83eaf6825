import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { incidentClaims } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { findIncident, touchIncident } from "./dto";
import { getIncident } from "./get-incident";
import { ZIncidentClaim } from "./schemas";

/** Say that a claim is about this incident. Linking it again is refused (409), so a double click records one link. */
export async function linkIncidentClaim(db: Db, actor: Actor | null, incidentId: string, input: unknown) {
  assertCan(actor, "incidents.write");
  const { claimId } = parseInput(ZIncidentClaim, input);
  await findIncident(db, incidentId);
  await findVisibleClaim(db, actor, claimId);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const inserted = await tx.insert(incidentClaims).values({ incidentId, claimId, createdById: actor.id }).onConflictDoNothing().returning({ claimId: incidentClaims.claimId });
    if (!inserted.length) throw new AppError("CONFLICT", tr("errors.incidents.claimAlreadyLinked"));
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, { type: "incident.claim_linked", entity: { type: "incident", id: incidentId }, data: { claimId } });
  });
  return getIncident(db, actor, incidentId);
}

/** The claim is not about this incident after all. */
export async function unlinkIncidentClaim(db: Db, actor: Actor | null, incidentId: string, input: unknown) {
  assertCan(actor, "incidents.write");
  const { claimId } = parseInput(ZIncidentClaim, input);
  await findIncident(db, incidentId);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const removed = await tx
      .delete(incidentClaims)
      .where(and(eq(incidentClaims.incidentId, incidentId), eq(incidentClaims.claimId, claimId)))
      .returning({ claimId: incidentClaims.claimId });
    if (!removed.length) throw new AppError("NOT_FOUND", tr("errors.incidents.claimNotLinked"));
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, { type: "incident.claim_unlinked", entity: { type: "incident", id: incidentId }, data: { claimId } });
  });
  return getIncident(db, actor, incidentId);
}
