"use server";

import type { ActionState } from "@/lib/errors/action-state";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";
import { backToClaim, formAction } from "@/lib/server/doors";

/**
 * Set who published the item and who it came through. A name typed into "new source" is created
 * on the spot (find-or-create without leaving the item) and used as the publisher, in the same
 * transaction as the change: a refused change creates no source.
 */
export async function setProvenanceAction(evidenceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const newSourceName = values.newSourceName?.trim();
    await setEvidenceSources(
      db,
      actor,
      evidenceId,
      {
        publishedBySourceId: values.publishedBySourceId || null,
        obtainedViaSourceId: values.obtainedViaSourceId || null,
        isFirstHand: values.isFirstHand === "on",
        version: Number(values.version),
      },
      newSourceName
        ? { newPublisher: { name: newSourceName, kind: values.newSourceKind || "outlet", reliability: values.newSourceReliability || "F" } }
        : {},
    );
    // Back where the person was: the claim page (inline) or the item's own page.
    return { redirectTo: backToClaim(values.returnTo, "provenance", `/evidence/${evidenceId}?saved=provenance`) };
  });
}
