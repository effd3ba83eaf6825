/** The API's route files, as lib/api/route-files.ts reads them (the operation table's test reads them there too). */
export { exportedMethods, type FileRoute, fileRoutes, routeOf, samplePath } from "@/lib/api/route-files";
export { HTTP_METHODS } from "@/lib/api/operations";
