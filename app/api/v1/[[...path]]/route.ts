import { apiDispatch } from "@/lib/api/route-handlers";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = apiDispatch();
