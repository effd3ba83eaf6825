import { routeHandlers } from "@/lib/api/route-handlers";

export const { GET } = routeHandlers("/api/v1/figures");
