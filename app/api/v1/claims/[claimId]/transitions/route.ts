import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { transitionClaim } from "@/lib/workflow/transition-claim";

export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await transitionClaim(db, actor, params.claimId, (await readJson(request)) as never)),
);
