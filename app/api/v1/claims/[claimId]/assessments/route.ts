import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { assessEvidence, listAssessments } from "@/lib/assessments/assess-evidence";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) =>
  json({ items: await listAssessments(db, actor, params.claimId) }),
);

export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await assessEvidence(db, actor, params.claimId, (await readJson(request)) as never), 201),
);
