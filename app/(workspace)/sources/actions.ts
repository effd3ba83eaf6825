"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";
import { addCitation } from "@/lib/sources/add-citation";
import { createSource } from "@/lib/sources/create-source";
import { updateSource } from "@/lib/sources/update-source";

const orNull = (v: string | undefined) => (v ? v : null);

export async function createSourceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const source = await createSource(db, actor, {
      name: values.name ?? "",
      kind: values.kind,
      url: values.url || undefined,
      handles: (values.handles ?? "").split(",").map((h) => h.trim()).filter(Boolean),
      reliability: values.reliability,
      reliabilityRationale: values.reliabilityRationale,
      affiliatedWithId: orNull(values.affiliatedWithId),
      protected: values.protected === "on",
    });
    return { redirectTo: `/sources/${source.id}?saved=created` };
  });
}

export async function rateSourceAction(sourceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await updateSource(db, actor, sourceId, {
      reliability: values.reliability,
      reliabilityRationale: values.reliabilityRationale || null,
      affiliatedWithId: orNull(values.affiliatedWithId),
      protected: values.protected === "on",
      version: Number(values.version),
    });
    return { redirectTo: `/sources/${sourceId}?saved=rated` };
  });
}

export async function addCitationAction(sourceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await addCitation(db, actor, sourceId, { citesSourceId: values.citesSourceId ?? "" });
    return { redirectTo: `/sources/${sourceId}?saved=cited` };
  });
}
