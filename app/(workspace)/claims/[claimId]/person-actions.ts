"use server";

import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/errors/action-state";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { dismissImportNotice } from "@/lib/persons/import/import-notice";
import { removeClaimPerson } from "@/lib/persons/remove-claim-person";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";
import { formAction } from "@/lib/server/doors";

export async function addPersonAction(claimId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const names = (values.names ?? "").split(/\r?\n/).map((n) => n.trim()).filter(Boolean);
    await addClaimPerson(db, actor, claimId, {
      role: values.role,
      ...(values.personId ? { personId: values.personId } : {}),
      ...(names.length || !values.personId ? { names } : {}),
      ...(values.personId
        ? {}
        : {
            sex: values.sex || null,
            age: values.age || null,
            incidentDate: values.incidentDate || null,
            placeName: values.placeName || null,
          }),
    });
    const t = await getTranslations("persons");
    return { message: values.personId ? t("actions.linked") : t("actions.added"), refresh: [`/claims/${claimId}`] };
  });
}

export async function setVisibilityAction(claimId: string, linkId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const isPublic = values.isPublic === "true";
    await setClaimPersonVisibility(db, actor, claimId, linkId, {
      isPublic,
      ...(isPublic ? { basis: values.basis || null, basisNote: values.basisNote || null } : {}),
      version: Number(values.version),
    });
    const t = await getTranslations("persons");
    return { message: isPublic ? t("actions.namePublic") : t("actions.namePrivate"), refresh: [`/claims/${claimId}`] };
  });
}

export async function dismissImportNoticeAction(claimId: string, _prev: ActionState): Promise<ActionState> {
  return formAction(undefined, async ({ db, actor }) => {
    await dismissImportNotice(db, actor, claimId);
    return { message: (await getTranslations("persons"))("actions.checked"), refresh: [`/claims/${claimId}`] };
  });
}

export async function removePersonAction(claimId: string, linkId: string, _prev: ActionState): Promise<ActionState> {
  return formAction(undefined, async ({ db, actor }) => {
    await removeClaimPerson(db, actor, claimId, linkId);
    return { message: (await getTranslations("persons"))("actions.removed"), refresh: [`/claims/${claimId}`] };
  });
}
