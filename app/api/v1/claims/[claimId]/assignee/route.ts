import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { assignClaim } from "@/lib/claims/assign-claim";

export const PUT = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await assignClaim(db, actor, params.claimId, (await readJson(request)) as never)),
);
