import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { casualtyRecords } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { findVisiblePerson } from "@/lib/persons/scope";
import { assertSourcesExist } from "@/lib/sources/create-source";
import { isUuid } from "@/lib/validation/uuid";
import { parseInput } from "@/lib/validation/parse";
import { findIncident, touchIncident } from "./dto";
import { getIncident } from "./get-incident";
import { ageBandOf, ZRecordCasualty, ZUpdateCasualty } from "./schemas";

/** A record's fields as the audit log keeps them. */
function recordFields(r: Partial<typeof casualtyRecords.$inferSelect>) {
  return {
    dateOfDeath: r.dateOfDeath,
    placeOfDeath: r.placeOfDeath,
    cause: r.cause,
    status: r.status,
    age: r.age,
    ageBand: r.ageBand,
    sex: r.sex,
    sourceIds: r.sourceIds,
    note: r.note,
  };
}

/**
 * Record a person as a victim of the incident (once per incident: recording them again is a 409).
 * A merged person is recorded as the one they joined. An age gives its band.
 */
export async function recordCasualty(db: Db, actor: Actor | null, incidentId: string, input: unknown) {
  assertCan(actor, "incidents.write");
  const data = parseInput(ZRecordCasualty, input);
  await findIncident(db, incidentId);
  const person = await findVisiblePerson(db, actor, data.personId);
  const personId = person.mergedIntoId ?? person.id;
  await assertSourcesExist(db, data.sourceIds ?? [], "sourceIds");
  const values = {
    dateOfDeath: data.dateOfDeath ?? null,
    placeOfDeath: data.placeOfDeath ?? null,
    cause: data.cause,
    status: data.status,
    age: data.age ?? null,
    ageBand: data.age !== undefined ? ageBandOf(data.age) : (data.ageBand ?? null),
    sex: data.sex ?? null,
    sourceIds: data.sourceIds ?? [],
    note: data.note ?? null,
  };
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .insert(casualtyRecords)
      .values({ incidentId, personId, ...values, createdById: actor.id })
      .onConflictDoNothing()
      .returning({ id: casualtyRecords.id });
    if (!row) throw new AppError("CONFLICT", tr("errors.incidents.alreadyRecorded"));
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, {
      type: "incident.casualty_recorded",
      entity: { type: "incident", id: incidentId },
      data: { recordId: row.id, personId, version: 1, changes: diffFields({}, recordFields(values)) },
    });
  });
  return getIncident(db, actor, incidentId);
}

async function findRecord(db: Db, incidentId: string, recordId: string) {
  if (!isUuid(recordId)) throw new AppError("NOT_FOUND", tr("errors.incidents.recordNotFound"));
  const [row] = await db.select().from(casualtyRecords).where(and(eq(casualtyRecords.id, recordId), eq(casualtyRecords.incidentId, incidentId)));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.incidents.recordNotFound"));
  return row;
}

/** Change what is recorded of a victim's death, on the version read. */
export async function updateCasualty(db: Db, actor: Actor | null, incidentId: string, recordId: string, input: unknown) {
  assertCan(actor, "incidents.write");
  const data = parseInput(ZUpdateCasualty, input);
  await findIncident(db, incidentId);
  const current = await findRecord(db, incidentId, recordId);
  assertCurrentVersion(data.version, current.version, "casualty");
  const { version, ...fields } = data;
  const age = fields.age === undefined ? current.age : fields.age;
  const ageBand = typeof age === "number" ? ageBandOf(age) : fields.ageBand === undefined ? current.ageBand : fields.ageBand;
  if (typeof age === "number" && fields.ageBand && fields.ageBand !== ageBand) {
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors: { ageBand: [tr("validation.incidents.ageBand")] } });
  }
  if (fields.sourceIds) await assertSourcesExist(db, fields.sourceIds, "sourceIds");
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const updated = await updateVersioned(tx, casualtyRecords, { id: recordId, version }, { ...fields, ageBand }, "casualty");
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, {
      type: "incident.casualty_updated",
      entity: { type: "incident", id: incidentId },
      data: { recordId, personId: current.personId, version: updated.version, changes: diffFields(recordFields(current), recordFields(updated)) },
    });
  });
  return getIncident(db, actor, incidentId);
}

/** The person was not a victim of this incident after all; the audit log keeps what the record held. */
export async function removeCasualty(db: Db, actor: Actor | null, incidentId: string, recordId: string) {
  assertCan(actor, "incidents.write");
  await findIncident(db, incidentId);
  const current = await findRecord(db, incidentId, recordId);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const removed = await tx.delete(casualtyRecords).where(eq(casualtyRecords.id, recordId)).returning({ id: casualtyRecords.id });
    if (!removed.length) throw new AppError("NOT_FOUND", tr("errors.incidents.recordNotFound"));
    await touchIncident(tx, incidentId, actor.id);
    await appendAuditEvent(tx, actor.id, {
      type: "incident.casualty_removed",
      entity: { type: "incident", id: incidentId },
      data: { recordId, personId: current.personId, changes: diffFields(recordFields(current), {}) },
    });
  });
  return getIncident(db, actor, incidentId);
}
