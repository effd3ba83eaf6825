"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { type ActionState, actionStateFromError, formValues } from "@/lib/errors/action-state";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { createSource } from "@/lib/sources/create-source";

/**
 * Set who published the item and who it came through. A name typed into "new source" is created
 * on the spot (find-or-create without leaving the item) and used as the publisher.
 */
export async function setProvenanceAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const db = await getDb();
    const actor = await getCurrentActor();
    let publishedBySourceId = values.publishedBySourceId || null;
    if (values.newSourceName?.trim()) {
      const created = await createSource(db, actor, {
        name: values.newSourceName,
        kind: (values.newSourceKind || "outlet") as never,
        reliability: (values.newSourceReliability || "F") as never,
      });
      publishedBySourceId = created.id;
    }
    await setEvidenceSources(db, actor, evidenceId, {
      publishedBySourceId,
      obtainedViaSourceId: values.obtainedViaSourceId || null,
      isFirstHand: values.isFirstHand === "on",
      version: Number(values.version),
    });
  } catch (error) {
    return actionStateFromError(error, values);
  }
  // Back where the person was: the claim page (inline) or the item's own page.
  const back = /^\/claims\/[0-9a-f-]{36}$/.test(values.returnTo ?? "") ? `${values.returnTo}?done=provenance` : `/evidence/${evidenceId}?saved=provenance`;
  redirect(back);
}
