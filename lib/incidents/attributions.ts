import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { incidentAttributions } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { assertSourcesExist } from "@/lib/sources/create-source";
import { isUuid } from "@/lib/validation/uuid";
import { parseInput } from "@/lib/validation/parse";
import { findIncident, touchIncident } from "./dto";
import { getIncident } from "./get-incident";
import { ZAddAttribution } from "./schemas";

/** Who is said to have done it: a statement with its grade, rationale and at least one source. */
export async function addAttribution(db: Db, actor: Actor | null, incidentId: string, input: unknown) {
  assertCan(actor, "incidents.write");
  const data = parseInput(ZAddAttribution, input);
  await findIncident(db, incidentId);
  await assertSourcesExist(db, data.sourceIds, "sourceIds");
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx.insert(incidentAttributions).values({ incidentId, ...data, createdById: actor.id }).returning({ id: incidentAttributions.id });
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, { type: "incident.attribution_added", entity: { type: "incident", id: incidentId }, data: { attributionId: row.id, ...data } });
  });
  return getIncident(db, actor, incidentId);
}

/** Withdraw a statement of who did it; the audit log keeps what it said. */
export async function removeAttribution(db: Db, actor: Actor | null, incidentId: string, attributionId: string) {
  assertCan(actor, "incidents.write");
  await findIncident(db, incidentId);
  if (!isUuid(attributionId)) throw new AppError("NOT_FOUND", tr("errors.incidents.attributionNotFound"));
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [removed] = await tx
      .delete(incidentAttributions)
      .where(and(eq(incidentAttributions.id, attributionId), eq(incidentAttributions.incidentId, incidentId)))
      .returning();
    if (!removed) throw new AppError("NOT_FOUND", tr("errors.incidents.attributionNotFound"));
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, {
      type: "incident.attribution_removed",
      entity: { type: "incident", id: incidentId },
      data: { attributionId, perpetrator: removed.perpetrator, grade: removed.grade, rationale: removed.rationale, sourceIds: removed.sourceIds },
    });
  });
  return getIncident(db, actor, incidentId);
}
