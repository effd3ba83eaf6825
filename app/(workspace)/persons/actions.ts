"use server";

import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/errors/action-state";
import { isAppError } from "@/lib/errors/app-error";
import { chosenLanguage } from "@/lib/i18n/chosen-language";
import { inLocale } from "@/lib/i18n/translate";
import { addPersonName } from "@/lib/persons/add-person-name";
import type { PersonCandidate } from "@/lib/persons/candidates";
import { matchPersons } from "@/lib/persons/match-persons";
import { mergePerson } from "@/lib/persons/merge-person";
import { splitPerson } from "@/lib/persons/split-person";
import { updatePerson } from "@/lib/persons/update-person";
import { actionContext, formAction } from "@/lib/server/doors";

/**
 * Candidates for a name being typed; errors become an empty list with a message (in the person's
 * language, as lib/ writes it there), never a throw.
 */
export async function matchPersonsAction(name: string): Promise<{ candidates: PersonCandidate[]; searchedAll: boolean; error?: string }> {
  const { locale, digits } = await chosenLanguage();
  try {
    const { db, actor } = await actionContext();
    return await inLocale(locale, () => matchPersons(db, actor, { name, limit: 5 }), digits);
  } catch (error) {
    return { candidates: [], searchedAll: false, error: isAppError(error) ? error.message : (await getTranslations("persons"))("actions.matchFailed") };
  }
}

export async function addNameAction(personId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await addPersonName(db, actor, personId, { name: values.name ?? "" });
    return { message: (await getTranslations("persons"))("actions.nameAdded"), refresh: [`/persons/${personId}`] };
  });
}

export async function updatePersonAction(personId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await updatePerson(db, actor, personId, {
      sex: values.sex || null,
      age: values.age || null,
      incidentDate: values.incidentDate || null,
      placeName: values.placeName || null,
      note: values.note || null,
      version: Number(values.version),
    });
    return { message: (await getTranslations("persons"))("actions.detailsSaved"), refresh: [`/persons/${personId}`] };
  });
}

/** Merge `duplicateId` into the person whose page this is. */
export async function mergeAction(intoId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await mergePerson(db, actor, values.duplicateId ?? "", { intoId, reason: values.reason });
    return { message: (await getTranslations("persons"))("actions.merged"), refresh: [`/persons/${intoId}`] };
  });
}

export async function splitAction(intoId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await splitPerson(db, actor, values.personId ?? "");
    return { message: (await getTranslations("persons"))("actions.split"), refresh: [`/persons/${intoId}`] };
  });
}
