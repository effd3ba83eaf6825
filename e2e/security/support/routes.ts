/** The API's route files, as lib/test/route-files.ts reads them (the operation table's test reads them there too). */
export { exportedMethods, type FileRoute, fileRoutes, routeOf, samplePath } from "@/lib/test/route-files";
export { HTTP_METHODS } from "@/lib/api/operations";
