import "server-only";
import type { AnyDoor } from "./door";
import { DOORS } from "./handlers";
import { openApiDocument } from "./openapi";
import { type HttpMethod, methodOf, OPERATION_IDS, operation, type OperationId, pathOf, successStatus } from "./operations";
import { json, queryOf, readJson } from "./respond";
import { apiRoute, resolveActor } from "./route";

/** The table's doors, and the document's own, which ./handlers.ts cannot hold (the document is made from it). */
const SERVED: Record<OperationId, AnyDoor> = {
  ...DOORS,
  "GET /api/v1/openapi.json": { handle: async () => Response.json(openApiDocument()) },
};

type RouteParams = Record<string, string | string[] | undefined>;
type RouteHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

/** The methods the table serves at the given paths. */
type MethodsAt<P extends string> = OperationId extends infer Id ? (Id extends `${infer M} ${P}` ? M : never) : never;
export type TablePath = OperationId extends infer Id ? (Id extends `${string} ${infer P}` ? P : never) : never;

/**
 * The Next route handlers of one route file, taken from the operation table: one per method the
 * table lists at the file's paths (two paths for the tus uploads' optional catch-all). Each goes
 * through `apiRoute` (the database, the actor, the error shape); a public operation reads no
 * credentials.
 */
export function routeHandlers<P extends TablePath>(...paths: P[]): { [M in MethodsAt<P>]: RouteHandler } {
  const handlers: Partial<Record<HttpMethod, RouteHandler>> = {};
  for (const id of OPERATION_IDS.filter((id) => (paths as string[]).includes(pathOf(id)))) {
    const method = methodOf(id);
    if (handlers[method]) throw new Error(`${method} is listed twice for one route file (${paths.join(", ")})`);
    handlers[method] = serve(id);
  }
  return handlers as { [M in MethodsAt<P>]: RouteHandler };
}

function serve(id: OperationId): RouteHandler {
  const { access, body } = operation(id);
  const served = SERVED[id];
  const status = successStatus(id);
  return apiRoute<RouteParams>(
    async ({ request, params, db, actor }) => {
      const result = await served.handle({
        request,
        // Catch-all segments (string[]) are not read: the tus protocol reads its own URL.
        params: Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === "string")),
        db,
        actor,
        resolveActor: () => resolveActor(db, request),
        query: queryOf(request),
        // Only where the table says the operation reads one: the attack corpus attacks those.
        readBody: () => (body ? readJson(request, body.maxBytes) : Promise.reject(new Error(`${id} reads no body in the operation table`))),
      });
      if (result instanceof Response) return result;
      return status === 204 ? new Response(null, { status }) : json(result, status);
    },
    { requireActor: access !== "public" },
  );
}
