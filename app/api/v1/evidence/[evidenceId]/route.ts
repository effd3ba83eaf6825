import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";
import { setEvidenceSources } from "@/lib/evidence/set-evidence-sources";

export const GET = apiRoute<{ evidenceId: string }>(async ({ params, db, actor }) =>
  json(await getEvidence(db, actor, params.evidenceId)),
);

/**
 * `{isGraphic, hasPersonalData, version}` reviews sensitivity; `{publishedBySourceId?,
 * obtainedViaSourceId?, isFirstHand?, version}` says where the item came from.
 */
export const PATCH = apiRoute<{ evidenceId: string }>(async ({ request, params, db, actor }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  const isSensitivity = body && typeof body === "object" && ("isGraphic" in body || "hasPersonalData" in body);
  return json(
    isSensitivity
      ? await markSensitivity(db, actor, params.evidenceId, body as never)
      : await setEvidenceSources(db, actor, params.evidenceId, body as never),
  );
});
