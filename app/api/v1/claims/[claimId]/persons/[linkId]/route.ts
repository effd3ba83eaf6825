import { routeHandlers } from "@/lib/api/route-handlers";

export const { DELETE, PATCH } = routeHandlers("/api/v1/claims/{claimId}/persons/{linkId}");
