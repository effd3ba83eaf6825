import { type Permission, PERMISSIONS } from "@/lib/auth/permission-table";
import { ACTION_OPS } from "./support/actions";
import { API_OPS, type ApiOp, apiOpTitle, expectedStatus, relation, type RequestSpec, type SentAnswer, sentAnswer } from "./support/matrix";
import { fetchAnswer } from "../support/http";
import { matchPath, samplePath } from "@/lib/api/match-path";
import { OPERATION_IDS } from "@/lib/api/operations";
import { ACTORS, type ActorKey, afterRefused, authHeader, expect, settleRefused, snapshot, test, type World } from "./support/world";

/**
 * The permission matrix of the HTTP API: every route and method (found on the file system and in
 * the OpenAPI document; a route the matrix does not cover fails the first test) × every actor
 * (signed out, a forged token, the submitter, a second submitter, reviewer, editor, admin) × own,
 * another's, published, unpublished, nonexistent and malformed targets. The expected answer of each
 * cell is derived from lib/auth/permissions.ts and the scope rules (e2e/security/support/matrix.ts);
 * after every refused request the blob store, the upload folder and a read of the target must be as
 * they were, and the audit chain's head and length (read once for a run of refused requests:
 * support/world.ts, `afterRefused`). One test per route and method; each lists every
 * wrong cell.
 */

test.describe.configure({ timeout: 300_000 });

/**
 * One cell's request, through Node's fetch (e2e/support/http.ts: a request context's every call is
 * a reported step, which cost the worker and the runner more than the request), sent as the request
 * context sent it: a multipart form, a Buffer as given, any other data as JSON; no redirect followed.
 */
async function send(world: World, method: string, spec: RequestSpec, actor: ActorKey): Promise<SentAnswer> {
  const headers: Record<string, string> = { ...authHeader(world, actor), ...spec.headers };
  let body: string | Buffer | FormData | undefined;
  if (spec.multipart) {
    body = new FormData();
    for (const [name, value] of Object.entries(spec.multipart)) {
      if (typeof value === "string") body.append(name, value);
      else body.append(name, new Blob([new Uint8Array(value.buffer)], { type: value.mimeType }), value.name);
    }
  } else if (Buffer.isBuffer(spec.data)) body = spec.data;
  else if (spec.data !== undefined) {
    body = JSON.stringify(spec.data);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  }
  return sentAnswer(await fetchAnswer(world.http, spec.url, { method, headers, body, redirect: "manual" }));
}

/** An API refusal is the design's error shape with no stack trace (the upload protocol and HEAD answers excepted). */
function errorShapeProblems(op: ApiOp, status: number, contentType: string, body: string): string[] {
  if (status < 400 || op.method === "HEAD") return [];
  // The upload protocol's own refusals (an offset mismatch) are tus's plain text.
  if (op.path.startsWith("/api/v1/uploads") && !contentType.includes("json")) return [];
  if (!contentType.includes("json")) return [`a ${status} that is not JSON (${contentType})`];
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code !== "string" || typeof parsed.error?.message !== "string") return [`a ${status} without {error: {code, message}}`];
  } catch {
    return [`a ${status} whose body is not JSON`];
  }
  return /\bat .+\.(js|ts):\d+/.test(body) ? ["a stack trace in the answer"] : [];
}

test("every operation the API serves is in the matrix (the operation table and OpenAPI)", async ({ world }) => {
  // The one route file serves the table and nothing else (lib/api/operations.test.ts).
  const inMatrix = new Set(API_OPS.map((op) => `${op.method} ${op.path}`));
  expect(OPERATION_IDS.length, "operations in the table").toBeGreaterThan(40);
  expect(
    OPERATION_IDS.filter((id) => !inMatrix.has(id)),
    "operations the permission matrix does not cover",
  ).toEqual([]);
  // Each reaches its own operation; the unknown path reaches none (the JSON 404).
  const strays = API_OPS.filter((op) =>
    op.access === "unrouted" ? matchPath(op.path) !== null : matchPath(samplePath(op.path))?.operations[op.method] !== `${op.method} ${op.path}`,
  ).map(apiOpTitle);
  expect(strays, "matrix operations the API does not serve at their path").toEqual([]);

  const response = await world.api.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  const described = Object.entries(document.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
  expect(described.length, "operations in the OpenAPI document").toBeGreaterThan(40);
  expect(described.filter((d) => !inMatrix.has(d)), "OpenAPI operations the permission matrix does not cover").toEqual([]);
});

/** Permissions with no door of the web application to test them at. */
const NO_DOOR: Partial<Record<Permission, string>> = {
  "tokens.manage":
    "tokens are made for others with the admin command line only (e2e/admin-cli.spec.ts); an admin revoking another's token is the scope of DELETE /api/v1/tokens/{tokenId} (its visibleTo), which needs tokens.own",
  "comments.moderate":
    "an editor deleting another's comment is a cell of DELETE /api/v1/comments/{commentId} and deleteCommentAction (the author or an editor gets past to the stale version, 409; anyone else 403), which need comments.write",
  "evidence.notes.moderate":
    "an editor deleting another's time-coded note is a cell of DELETE /api/v1/evidence-notes/{noteId} (the author or an editor gets past to the stale version, 409; anyone else 403), which needs evidence.notes.write",
};

test("every permission of the table is tried by the matrix", () => {
  const tried = new Set<string>([...API_OPS, ...ACTION_OPS].flatMap((op) => (op.permission ? [op.permission] : [])));
  // Seeing every claim is the scope rule of every cell (support/matrix.ts, visible()).
  tried.add("claims.read_all");
  const untried = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => !tried.has(p) && !(p in NO_DOOR));
  expect(untried, "permissions no operation of the matrix needs").toEqual([]);
  expect(Object.keys(NO_DOOR).filter((p) => tried.has(p)), "permissions said to have no door, but tried").toEqual([]);
});

for (const op of API_OPS) {
  test(apiOpTitle(op), async ({ world }) => {
    const wrong: string[] = [];
    let cells = 0;
    for (const target of op.targets(world)) {
      for (const actor of ACTORS) {
        cells += 1;
        const expected = expectedStatus(op, actor, target);
        const refused = expected >= 400;
        // What may write (a fresh target, a request let through) waits for the refused cells before it to be settled.
        if (!refused) wrong.push(...(await settleRefused(world)));
        const t = expected < 300 && op.fresh && !target.missingAfterScope ? await op.fresh(world, target, actor) : target;
        const cell = `${actor} × ${relation(actor, t)}`;
        const before = refused ? await snapshot(world, t.reads, { reuse: true }) : [];
        const spec = await op.request(world, t, actor);
        const sentAt = Date.now();
        const response = await send(world, op.method, spec, actor);
        const status = response.status();
        const body = op.method === "HEAD" ? "" : await response.text();
        if (status !== expected) wrong.push(`${cell}: expected ${expected}, got ${status} ${body.slice(0, 240)}`);
        if (status >= 500) wrong.push(`${cell}: a server error`);
        for (const problem of errorShapeProblems(op, status, response.headers()["content-type"] ?? "", body)) wrong.push(`${cell}: ${problem}`);
        if (refused) {
          const what = `${cell}: refused (${status})`;
          for (const change of await afterRefused(world, t.reads, before, what, sentAt)) wrong.push(`${what} but ${change}`);
        } else if (status === expected) {
          await op.settle?.(world, response, actor);
          for (const problem of op.check?.(world, t, actor, body) ?? []) wrong.push(`${cell}: ${problem}`);
        }
      }
    }
    wrong.push(...(await settleRefused(world)));
    test.info().annotations.push({ type: "cells", description: String(cells) });
    expect(wrong, `${wrong.length} of ${cells} cells wrong:\n${wrong.join("\n")}`).toEqual([]);
  });
}

