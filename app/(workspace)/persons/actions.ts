"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { isAppError } from "@/lib/errors/app-error";
import { addPersonName } from "@/lib/persons/add-person-name";
import type { PersonCandidate } from "@/lib/persons/candidates";
import { matchPersons } from "@/lib/persons/match-persons";
import { mergePerson } from "@/lib/persons/merge-person";
import { splitPerson } from "@/lib/persons/split-person";
import { updatePerson } from "@/lib/persons/update-person";

/** Candidates for a name being typed; errors become an empty list with a message, never a throw. */
export async function matchPersonsAction(name: string): Promise<{ candidates: PersonCandidate[]; searchedAll: boolean; error?: string }> {
  try {
    return await matchPersons(await getDb(), await getCurrentActor(), { name, limit: 5 });
  } catch (error) {
    return { candidates: [], searchedAll: false, error: isAppError(error) ? error.message : "Could not look for matches." };
  }
}

export async function addNameAction(personId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await addPersonName(await getDb(), await getCurrentActor(), personId, { name: values.name ?? "" });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/persons/${personId}`);
  return { ok: true, message: "Name form added." };
}

export async function updatePersonAction(personId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await updatePerson(await getDb(), await getCurrentActor(), personId, {
      sex: (values.sex || null) as never,
      age: values.age ? (values.age as never) : null,
      incidentDate: values.incidentDate || null,
      placeName: values.placeName || null,
      note: values.note || null,
      version: Number(values.version),
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/persons/${personId}`);
  return { ok: true, message: "Details saved." };
}

/** Merge `duplicateId` into the person whose page this is. */
export async function mergeAction(intoId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await mergePerson(await getDb(), await getCurrentActor(), values.duplicateId ?? "", { intoId, reason: values.reason });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/persons/${intoId}`);
  return { ok: true, message: "Merged. The other record now answers as this person; split it off to undo." };
}

export async function splitAction(intoId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await splitPerson(await getDb(), await getCurrentActor(), values.personId ?? "");
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/persons/${intoId}`);
  return { ok: true, message: "Split off: it is a person of its own again." };
}
