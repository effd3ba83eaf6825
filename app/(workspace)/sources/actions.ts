"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { addCitation } from "@/lib/sources/add-citation";
import { createSource } from "@/lib/sources/create-source";
import { updateSource } from "@/lib/sources/update-source";

const orNull = (v: string | undefined) => (v ? v : null);

export async function createSourceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let id: string;
  try {
    const source = await createSource(await getDb(), await getCurrentActor(), {
      name: values.name ?? "",
      kind: values.kind as never,
      url: values.url || undefined,
      handles: (values.handles ?? "").split(",").map((h) => h.trim()).filter(Boolean),
      reliability: values.reliability as never,
      reliabilityRationale: values.reliabilityRationale,
      affiliatedWithId: orNull(values.affiliatedWithId),
      protected: values.protected === "on",
    });
    id = source.id;
  } catch (error) {
    return actionStateFromError(error, values);
  }
  redirect(`/sources/${id}?saved=created`);
}

export async function rateSourceAction(sourceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await updateSource(await getDb(), await getCurrentActor(), sourceId, {
      reliability: values.reliability as never,
      reliabilityRationale: values.reliabilityRationale || null,
      affiliatedWithId: orNull(values.affiliatedWithId),
      protected: values.protected === "on",
      version: Number(values.version),
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  redirect(`/sources/${sourceId}?saved=rated`);
}

export async function addCitationAction(sourceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await addCitation(await getDb(), await getCurrentActor(), sourceId, { citesSourceId: values.citesSourceId ?? "" });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  redirect(`/sources/${sourceId}?saved=cited`);
}
