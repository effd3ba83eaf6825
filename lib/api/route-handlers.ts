import "server-only";
import type { AnyDoor, WithoutDatabase } from "./door";
import { renderMetrics } from "@/lib/server/metrics";
import { readiness } from "@/lib/server/readiness";
import { DOORS } from "./handlers";
import { openApiDocument } from "./openapi";
import { AppError } from "@/lib/errors/app-error";
import { matchPath } from "./match-path";
import { HTTP_METHODS, type HttpMethod, operation, type OperationId, successStatus } from "./operations";
import { errorResponse, json, queryOf, readJson } from "./respond";
import { apiRoute, inRequestLocale, resolveActor } from "./route";
import { tr } from "@/lib/i18n/translate";

/** The table's doors, and the document's own, which ./handlers.ts cannot hold (the document is made from it). */
const SERVED: Record<Exclude<OperationId, WithoutDatabase>, AnyDoor> = {
  ...DOORS,
  "GET /api/v1/openapi.json": { handle: async () => Response.json(openApiDocument()) },
};

/**
 * What answers while the database cannot (the table's `withoutDatabase`): the probes a load
 * balancer and an orchestrator send, and the metrics. No credentials are read but the metrics'
 * own token.
 */
const WITHOUT_DATABASE: Record<WithoutDatabase, (request: Request) => Promise<Response>> = {
  "GET /api/v1/health/live": async () => json({ ok: true }, 200),
  "GET /api/v1/health/ready": async () => {
    const state = await readiness();
    return Response.json(state, { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
  },
  "GET /api/v1/metrics": renderMetrics,
};

/** The operations served so (the table's `withoutDatabase` must name exactly these: ./operations.test.ts). */
export const SERVED_WITHOUT_DATABASE = Object.keys(WITHOUT_DATABASE) as WithoutDatabase[];

function isWithoutDatabase(id: OperationId): id is WithoutDatabase {
  return id in WITHOUT_DATABASE;
}

type RouteParams = Record<string, string | string[] | undefined>;
type RouteHandler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

/**
 * The whole HTTP API as Next route handlers, one per method, for the one route file
 * `app/api/v1/[[...path]]/route.ts`: the path picks the table's operation (./match-path.ts), and
 * the operation's door serves it through `apiRoute` (the database, the actor, the error shape; a
 * public operation reads no credentials). An unknown path is a 404 and a method the path does not
 * have a 405 with `Allow`, both in the error shape; HEAD is GET without its body and OPTIONS lists
 * the methods, where the table does not serve them itself (tus does). So a new operation is a
 * line of the table and its door, and nothing under `app/`.
 */
export function apiDispatch(): Record<HttpMethod, (request: Request) => Promise<Response>> {
  const served = {} as Record<HttpMethod, (request: Request) => Promise<Response>>;
  for (const method of HTTP_METHODS) served[method] = (request) => dispatch(method, request);
  return served;
}

const handlers = new Map<OperationId, RouteHandler>();
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function handlerOf(id: OperationId): RouteHandler {
  let handler = handlers.get(id);
  if (!handler) handlers.set(id, (handler = serve(id)));
  return handler;
}

async function dispatch(method: HttpMethod, request: Request): Promise<Response> {
  const match = matchPath(new URL(request.url).pathname);
  if (!match) return inRequestLocale(request, () => errorResponse(new AppError("NOT_FOUND", tr("errors.api.noSuchRoute"))));
  const context = { params: Promise.resolve<RouteParams>(match.params) };
  const id = match.operations[method];
  if (id) return handlerOf(id)(request, context);
  const allow = [...new Set([...(Object.keys(match.operations) as HttpMethod[]), ...(match.operations.GET ? ["HEAD"] : []), "OPTIONS"])].join(", ");
  if (method === "HEAD" && match.operations.GET) {
    const answer = await handlerOf(match.operations.GET)(request, context);
    await answer.body?.cancel();
    return new Response(null, { status: answer.status, headers: answer.headers });
  }
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: allow } });
  const refusal = inRequestLocale(request, () => errorResponse(new AppError("METHOD_NOT_ALLOWED", tr("errors.api.methodNotAllowed", { method, path: match.path, allow }))));
  refusal.headers.set("Allow", allow);
  return refusal;
}

function serve(id: OperationId): RouteHandler {
  if (isWithoutDatabase(id)) {
    const answer = WITHOUT_DATABASE[id];
    return (request) =>
      inRequestLocale(request, async () => {
        try {
          return await answer(request);
        } catch (error) {
          return errorResponse(error);
        }
      });
  }
  const { access, body } = operation(id);
  const served = SERVED[id];
  const status = successStatus(id);
  return apiRoute<RouteParams>(
    async ({ request, params, db, actor }) => {
      // A read-only token reads and nothing else, whatever the operation's own checks would say.
      if (actor?.readOnly && !READ_METHODS.has(request.method)) throw new AppError("FORBIDDEN", tr("errors.readOnlyToken"));
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
