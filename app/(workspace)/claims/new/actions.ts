"use server";

import { getTranslations } from "next-intl/server";
import { submitClaimWithCaptures } from "@/lib/claims/submit-claim-with-captures";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";

const FIELDS = [
  "kind", "title", "summary", "language", "incidentDateFrom", "incidentDateTo", "placeName",
  "latitude", "longitude", "placePrecision", "firstSeenSourceName", "firstSeenUrl", "captureUrls", "submissionKey",
] as const;

/**
 * The claim and the pages to capture, all or nothing. Without files it goes on to the claim; with
 * files chosen (`filesToSend`, counted by the form) it stays, and hands the form the new claim so
 * the files go up to it over tus before the form moves on. The form's `submissionKey` makes a
 * second sending of the same submission (its answer lost to a dropped connection) find the claim
 * the first made.
 */
export async function submitClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await formAction(formData, async ({ db, actor, values }) => {
    const { claim, captureIds, repeated } = await submitClaimWithCaptures(db, actor, Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? ""])));
    const href = `/claims/${claim.id}?submitted=1`;
    if (!(Number(values.filesToSend) > 0)) return { redirectTo: href };
    const t = await getTranslations("claims.sendEvidence");
    const captures = captureIds.length > 0 ? ` ${t("captures", { count: captureIds.length })}` : "";
    return { message: repeated ? t("savedEarlier") : `${t("saved")}${captures}`, refresh: [], values, created: { id: claim.id, href } };
  });
  // The submission key is the device's: never sent back, not even to the person who sent it.
  if (!state.values) return state;
  const { submissionKey: _key, ...values } = state.values;
  return { ...state, values };
}
