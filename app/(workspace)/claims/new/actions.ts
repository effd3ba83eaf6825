"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { submitClaim } from "@/lib/claims/submit-claim";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";

const FIELDS = [
  "kind", "title", "summary", "language", "incidentDateFrom", "incidentDateTo", "placeName",
  "latitude", "longitude", "placePrecision", "firstSeenSourceName", "firstSeenUrl",
] as const;

export async function submitClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const input = Object.fromEntries(FIELDS.map((f) => [f, values[f] ?? ""]));
  let claimId: string;
  try {
    const claim = await submitClaim(await getDb(), await getCurrentActor(), input as never);
    claimId = claim.id;
  } catch (error) {
    return actionStateFromError(error, values);
  }
  redirect(`/claims/${claimId}?submitted=1`);
}
