"use server";

import { submitClaim } from "@/lib/claims/submit-claim";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction } from "@/lib/server/doors";

const FIELDS = [
  "kind", "title", "summary", "language", "incidentDateFrom", "incidentDateTo", "placeName",
  "latitude", "longitude", "placePrecision", "firstSeenSourceName", "firstSeenUrl",
] as const;

export async function submitClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const claim = await submitClaim(db, actor, Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? ""])));
    return { redirectTo: `/claims/${claim.id}?submitted=1` };
  });
}
