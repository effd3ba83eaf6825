import { routeHandlers } from "@/lib/api/route-handlers";

export const { POST } = routeHandlers("/api/v1/persons/reconcile");
