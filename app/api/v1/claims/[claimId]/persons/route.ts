import { routeHandlers } from "@/lib/api/route-handlers";

export const { GET, POST } = routeHandlers("/api/v1/claims/{claimId}/persons");
