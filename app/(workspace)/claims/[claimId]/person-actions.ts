"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { removeClaimPerson } from "@/lib/persons/remove-claim-person";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";

export async function addPersonAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const names = (values.names ?? "").split(/\r?\n/).map((n) => n.trim()).filter(Boolean);
    await addClaimPerson(await getDb(), await getCurrentActor(), claimId, {
      role: values.role as never,
      ...(values.personId ? { personId: values.personId } : {}),
      ...(names.length || !values.personId ? { names } : {}),
      ...(values.personId
        ? {}
        : {
            sex: (values.sex || null) as never,
            age: values.age ? (values.age as never) : null,
            incidentDate: values.incidentDate || null,
            placeName: values.placeName || null,
          }),
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/claims/${claimId}`);
  return { ok: true, message: values.personId ? "Linked to the existing person." : "Person added." };
}

export async function setVisibilityAction(claimId: string, linkId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await setClaimPersonVisibility(await getDb(), await getCurrentActor(), claimId, linkId, {
      isPublic: values.isPublic === "true",
      version: Number(values.version),
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  revalidatePath(`/claims/${claimId}`);
  return { ok: true, message: values.isPublic === "true" ? "Published with the entry." : "Kept private." };
}

export async function removePersonAction(claimId: string, linkId: string, _prev: ActionState): Promise<ActionState> {
  try {
    await removeClaimPerson(await getDb(), await getCurrentActor(), claimId, linkId);
  } catch (error) {
    return actionStateFromError(error);
  }
  revalidatePath(`/claims/${claimId}`);
  return { ok: true, message: "Removed from this claim." };
}
