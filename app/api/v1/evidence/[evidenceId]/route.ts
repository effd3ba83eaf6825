import { routeHandlers } from "@/lib/api/route-handlers";

export const { GET, PATCH } = routeHandlers("/api/v1/evidence/{evidenceId}");
