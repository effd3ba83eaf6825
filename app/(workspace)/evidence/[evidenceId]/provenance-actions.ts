"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/server/database";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";

/**
 * Set who published the item and who it came through. A name typed into "new source" is created
 * on the spot (find-or-create without leaving the item) and used as the publisher, in the same
 * transaction as the change: a refused change creates no source.
 */
export async function setProvenanceAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const newSourceName = values.newSourceName?.trim();
    await setEvidenceSources(
      await getDb(),
      await getCurrentActor(),
      evidenceId,
      {
        publishedBySourceId: values.publishedBySourceId || null,
        obtainedViaSourceId: values.obtainedViaSourceId || null,
        isFirstHand: values.isFirstHand === "on",
        version: Number(values.version),
      },
      newSourceName
        ? { newPublisher: { name: newSourceName, kind: (values.newSourceKind || "outlet") as never, reliability: (values.newSourceReliability || "F") as never } }
        : {},
    );
  } catch (error) {
    return actionStateFromError(error, values);
  }
  // Back where the person was: the claim page (inline) or the item's own page.
  const back = /^\/claims\/[0-9a-f-]{36}$/.test(values.returnTo ?? "") ? `${values.returnTo}?done=provenance` : `/evidence/${evidenceId}?saved=provenance`;
  redirect(back);
}
