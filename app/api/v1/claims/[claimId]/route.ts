import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getClaim } from "@/lib/claims/get-claim";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) =>
  json(await getClaim(db, actor, params.claimId)),
);
