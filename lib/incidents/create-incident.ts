import "server-only";
import type { Db } from "@/db/connect";
import { incidentClaims, incidents } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { parseInput } from "@/lib/validation/parse";
import { touchIncident } from "./dto";
import { getIncident } from "./get-incident";
import { ZCreateIncident } from "./schemas";
import { assertParentFits } from "./tree";
import { titleTranslations } from "./translations";

/** A new incident, a draft until an editor publishes it; made from a claim (`claimId`), it is linked to it at once. */
export async function createIncident(db: Db, actor: Actor | null, input: unknown) {
  assertCan(actor, "incidents.write");
  const data = parseInput(ZCreateIncident, input);
  if (data.parentId) await assertParentFits(db, null, data.parentId);
  const { claimId, ...fields } = data;
  if (claimId) await findVisibleClaim(db, actor, claimId);
  const translations = titleTranslations({}, data.language, data.translations);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({
        title: data.title,
        language: data.language,
        translations,
        type: data.type,
        summary: data.summary ?? null,
        placeName: data.placeName,
        placePrecision: data.placePrecision,
        latitude: data.latitude ?? null,
        longitude: data.longitude ?? null,
        startDate: data.startDate as string,
        endDate: data.endDate as string,
        startTime: data.startTime ?? null,
        datePrecision: data.datePrecision,
        parentId: data.parentId ?? null,
        createdById: actor.id,
        changedById: actor.id,
      })
      .returning({ id: incidents.id });
    await appendAuditEvent(tx as unknown as Db, actor.id, {
      type: "incident.created",
      entity: { type: "incident", id: row.id },
      data: { version: 1, changes: diffFields({}, { ...fields, translations }) },
    });
    // The incidents above it count what is under it.
    if (data.parentId) await touchIncident(tx as unknown as Db, data.parentId, actor.id);
    if (claimId) {
      await tx.insert(incidentClaims).values({ incidentId: row.id, claimId, createdById: actor.id });
      await appendAuditEvent(tx as unknown as Db, actor.id, { type: "incident.claim_linked", entity: { type: "incident", id: row.id }, data: { claimId } });
    }
    return row.id;
  });
  return getIncident(db, actor, id);
}
