import { routeHandlers } from "@/lib/api/route-handlers";

export const { PUT } = routeHandlers("/api/v1/claims/{claimId}/assignee");
