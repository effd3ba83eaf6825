import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { gradeClaim } from "@/lib/claims/grade-claim";

export const PUT = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await gradeClaim(db, actor, params.claimId, (await readJson(request)) as never)),
);
