"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { addAttribution, removeAttribution } from "@/lib/incidents/attributions";
import { recordCasualty, removeCasualty } from "@/lib/incidents/casualties";
import { createIncident } from "@/lib/incidents/create-incident";
import { linkIncidentClaim, unlinkIncidentClaim } from "@/lib/incidents/incident-claims";
import { publishIncident } from "@/lib/incidents/publish-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { formAction } from "@/lib/server/doors";

/** A form's empty field is "not given"; an edit sends null to clear it. */
const orNull = (v: string | undefined) => (v ? v : null);

/** The incident's own fields as its form sends them. */
function incidentFields(values: Record<string, string>) {
  return {
    title: values.title ?? "",
    language: values.language,
    type: values.type,
    summary: values.summary,
    placeName: values.placeName ?? "",
    placePrecision: values.placePrecision,
    latitude: values.latitude,
    longitude: values.longitude,
    startDate: values.startDate,
    endDate: values.endDate || values.startDate,
    startTime: values.startTime,
    datePrecision: values.datePrecision,
    parentId: values.parentId,
  };
}

export async function createIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const fields = incidentFields(values);
    const incident = await createIncident(db, actor, {
      ...fields,
      translations: values.translatedTitle ? { [fields.language === "ar" ? "en" : "ar"]: values.translatedTitle } : undefined,
      claimId: values.claimId,
    });
    return { redirectTo: `/incidents/${incident.id}?saved=created` };
  });
}

export async function updateIncidentAction(incidentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const fields = incidentFields(values);
    await updateIncident(db, actor, incidentId, {
      ...fields,
      summary: orNull(values.summary),
      latitude: orNull(values.latitude),
      longitude: orNull(values.longitude),
      startTime: orNull(values.startTime),
      parentId: orNull(values.parentId),
      translations: { [fields.language === "ar" ? "en" : "ar"]: orNull(values.translatedTitle) },
      version: values.version,
    });
    return { redirectTo: `/incidents/${incidentId}?saved=updated` };
  });
}

/** From the incident's page (a claim id) or from a claim's page (an incident id): the link is the same. */
export async function linkClaimAction(incidentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await linkIncidentClaim(db, actor, incidentId, { claimId: values.claimId ?? "" });
    return { redirectTo: `/incidents/${incidentId}?saved=linked` };
  });
}

export async function linkToIncidentAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await linkIncidentClaim(db, actor, values.incidentId ?? "", { claimId });
    return { redirectTo: `/claims/${claimId}?done=incidentLinked#incidents` };
  });
}

export async function unlinkClaimAction(incidentId: string, claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await unlinkIncidentClaim(db, actor, incidentId, { claimId });
    return { redirectTo: `/incidents/${incidentId}?saved=unlinked` };
  });
}

export async function recordCasualtyAction(incidentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await recordCasualty(db, actor, incidentId, {
      personId: values.personId ?? "",
      dateOfDeath: values.dateOfDeath,
      placeOfDeath: values.placeOfDeath,
      cause: values.cause,
      status: values.status,
      age: values.age,
      ageBand: values.ageBand,
      sex: values.sex,
      sourceIds: values.sourceId ? [values.sourceId] : [],
      note: values.note,
    });
    return { redirectTo: `/incidents/${incidentId}?saved=recorded#victims` };
  });
}

export async function removeCasualtyAction(incidentId: string, recordId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await removeCasualty(db, actor, incidentId, recordId);
    return { redirectTo: `/incidents/${incidentId}?saved=removed#victims` };
  });
}

export async function addAttributionAction(incidentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await addAttribution(db, actor, incidentId, {
      perpetrator: values.perpetrator ?? "",
      grade: values.grade,
      rationale: values.rationale ?? "",
      sourceIds: values.sourceId ? [values.sourceId] : [],
    });
    return { redirectTo: `/incidents/${incidentId}?saved=attributed#attributions` };
  });
}

export async function removeAttributionAction(incidentId: string, attributionId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await removeAttribution(db, actor, incidentId, attributionId);
    return { redirectTo: `/incidents/${incidentId}?saved=withdrawn#attributions` };
  });
}

export async function publishIncidentAction(incidentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await publishIncident(db, actor, incidentId, { version: values.version });
    return { redirectTo: `/incidents/${incidentId}?saved=published` };
  });
}
