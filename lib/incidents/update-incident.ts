import "server-only";
import type { Db } from "@/db/connect";
import { incidents } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertCurrentVersion, updateVersioned } from "@/lib/errors/conflict";
import { tr } from "@/lib/i18n/translate";
import { resolveMessage } from "@/lib/validation/messages";
import { parseInput } from "@/lib/validation/parse";
import { findIncident, toIncidentDto, touchIncident } from "./dto";
import { getIncident } from "./get-incident";
import { incidentFieldIssues, ZUpdateIncident } from "./schemas";
import { titleTranslations } from "./translations";
import { assertParentFits } from "./tree";

/**
 * Change an incident's own fields, on the version the person read (409 when it moved on). The
 * incident as it would become is checked whole: an end date before the start is refused whichever
 * of the two the edit changed.
 */
export async function updateIncident(db: Db, actor: Actor | null, incidentId: string, input: unknown) {
  assertCan(actor, "incidents.write");
  const data = parseInput(ZUpdateIncident, input);
  const current = await findIncident(db, incidentId);
  assertCurrentVersion(data.version, current.version, "incident");
  const { version, translations: translationChanges, ...fields } = data;
  const merged = { ...toIncidentDto(current), ...fields };
  const issues = incidentFieldIssues(merged);
  if (issues.length) {
    const fieldErrors: Record<string, string[]> = {};
    for (const { path, message } of issues) (fieldErrors[path] ??= []).push(resolveMessage(message));
    throw new AppError("BAD_REQUEST", tr("errors.fieldErrors"), { fieldErrors });
  }
  if (fields.parentId) await assertParentFits(db, incidentId, fields.parentId);
  const translations = titleTranslations(current.translations, merged.language, translationChanges);
  await db.transaction(async (tx) => {
    const updated = await updateVersioned(tx as unknown as Db, incidents, { id: incidentId, version }, { ...fields, translations, changedById: actor.id, changedAt: new Date() }, "incident");
    // The incidents above it, before and after a move: each page counts what is under it.
    if (current.parentId && current.parentId !== updated.parentId) await touchIncident(tx as unknown as Db, current.parentId, actor.id);
    if (updated.parentId) await touchIncident(tx as unknown as Db, updated.parentId, actor.id);
    const before = { ...toIncidentDto(current), version: undefined, changedAt: undefined, state: undefined };
    const after = { ...toIncidentDto(updated), version: undefined, changedAt: undefined, state: undefined };
    await appendAuditEvent(tx as unknown as Db, actor.id, {
      type: "incident.updated",
      entity: { type: "incident", id: incidentId },
      data: { version: updated.version, changes: diffFields(before, after) },
    });
  });
  return getIncident(db, actor, incidentId);
}

