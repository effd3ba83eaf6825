import "server-only";
import { z } from "zod";
import { ZGradeClaim, ZSubmitClaim } from "@/lib/claims/schemas";
import { ZTransition } from "@/lib/workflow/schemas";
import type { SelfDescribed } from "./door";
import { DOORS } from "./handlers";
import { methodOf, OPERATION_IDS, operation, type OperationId, pathOf } from "./operations";

/**
 * The OpenAPI document, generated from the operation table (./operations.ts: paths, access,
 * descriptions, answers) and the same zod schemas that the lib/ functions validate requests with
 * (./handlers.ts), so the contract cannot drift from the code.
 */
function schemaOf(schema: z.ZodType, io: "input" | "output" = "input") {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodObject) {
  const json = schemaOf(schema) as { properties: Record<string, object>; required?: string[] };
  return Object.entries(json.properties).map(([name, s]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

const pathParameters = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));

/** The doors' schemas; the operations served without the database read no query and no body. */
const doorOf = (id: Exclude<OperationId, SelfDescribed>) => (id in DOORS ? DOORS[id as keyof typeof DOORS] : undefined);

function requestBody(id: Exclude<OperationId, SelfDescribed>) {
  const { body } = operation(id);
  const schema = doorOf(id)?.body;
  if (!body || !schema) return undefined;
  const json = { schema: Array.isArray(schema) ? { oneOf: schema.map((s: z.ZodType) => schemaOf(s)) } : schemaOf(schema as z.ZodType) };
  return { required: !body.optional, content: body.orMultipart ? { "multipart/form-data": { schema: body.orMultipart }, "application/json": json } : { "application/json": json } };
}

function describe(id: Exclude<OperationId, SelfDescribed>) {
  const { access, summary, description, responses } = operation(id);
  const query = doorOf(id)?.query;
  const parameters = [...pathParameters(pathOf(id)), ...(query ? queryParameters(query) : [])];
  const body = requestBody(id);
  return {
    summary,
    ...(description ? { description } : {}),
    ...(access === "public" ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

function paths() {
  const paths: Record<string, Record<string, ReturnType<typeof describe>>> = {};
  for (const id of OPERATION_IDS) {
    if (id === "GET /api/v1/openapi.json" || operation(id).undocumented) continue;
    (paths[pathOf(id)] ??= {})[methodOf(id).toLowerCase()] = describe(id);
  }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Corroborate API",
      version: "1.0.0",
      description:
        "Claims, the review workflow, the audit log and published entries. Authenticate with a personal API token: `Authorization: Bearer <token>` (create one with `npm run admin -- create-token --email E`). Lists are cursor-paginated: pass `nextCursor` back as `cursor`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
                guard: { type: "string" },
                links: {
                  type: "array",
                  description: "Where to put the refusal right: the items a guard names (a workspace page each)",
                  items: { type: "object", required: ["href", "label"], properties: { href: { type: "string" }, label: { type: "string" } } },
                },
              },
            },
          },
        },
        SubmitClaim: schemaOf(ZSubmitClaim),
        Transition: schemaOf(ZTransition),
        GradeClaim: schemaOf(ZGradeClaim),
      },
    },
    paths: paths(),
  };
}
