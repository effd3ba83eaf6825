import { routeHandlers } from "@/lib/api/route-handlers";

export const { DELETE, GET, HEAD, OPTIONS, PATCH, POST } = routeHandlers("/api/v1/uploads", "/api/v1/uploads/{uploadId}");
