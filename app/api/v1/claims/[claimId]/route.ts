import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getClaimDetail } from "@/lib/claims/get-claim-detail";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) => json(await getClaimDetail(db, actor, params.claimId)));
