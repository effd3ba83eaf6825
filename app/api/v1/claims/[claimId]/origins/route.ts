import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getClaimOrigins } from "@/lib/origins/claim-origins";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) => {
  const { origins, supporting, contradicting, suggestedGrade, because, items } = await getClaimOrigins(db, actor, params.claimId);
  return json({
    origins: origins.map(({ id, sourceIds, evidenceIds, stance, firstHand, reasons }) => ({ id, sourceIds, evidenceIds, stance, firstHand, reasons })),
    supporting,
    contradicting,
    suggestedGrade,
    because,
    items,
  });
});
