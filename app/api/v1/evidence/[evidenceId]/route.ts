import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { markSensitivity } from "@/lib/evidence/mark-sensitivity";

export const GET = apiRoute<{ evidenceId: string }>(async ({ params, db, actor }) =>
  json(await getEvidence(db, actor, params.evidenceId)),
);

export const PATCH = apiRoute<{ evidenceId: string }>(async ({ request, params, db, actor }) =>
  json(await markSensitivity(db, actor, params.evidenceId, (await readJson(request)) as never)),
);
