"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { commitImport } from "@/lib/persons/import/commit-import";
import { previewImport, type ImportPreview } from "@/lib/persons/import/preview-import";
import type { TCommitImport } from "@/lib/persons/import/schemas";
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

export async function previewImportAction(claimId: string, input: { role: string; text: string }): Promise<{ preview?: ImportPreview; error?: ActionState }> {
  try {
    return { preview: await previewImport(await getDb(), await getCurrentActor(), claimId, input as never) };
  } catch (error) {
    return { error: actionStateFromError(error) };
  }
}

export async function commitImportAction(claimId: string, input: TCommitImport): Promise<{ result?: Awaited<ReturnType<typeof commitImport>>; error?: ActionState }> {
  try {
    const result = await commitImport(await getDb(), await getCurrentActor(), claimId, input);
    revalidatePath(`/claims/${claimId}`);
    return { result };
  } catch (error) {
    return { error: actionStateFromError(error) };
  }
}
