import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { DOORS } from "./handlers";
import { methodOf, OPERATION_IDS, operation, type OperationId, pathOf, permissionOf } from "./operations";
import { type FileRoute, fileRoutes, routeOf } from "@/lib/test/route-files";

/** Unknown paths under /api/v1 answer the API's JSON 404: the one route file outside the table. */
const UNKNOWN_PATHS = "app/api/v1/[...path]/route.ts";

/**
 * The table paths a route file serves: its folders with `[id]` as `{id}`. The tus uploads'
 * optional catch-all `[[...path]]` serves the collection (create, options) and one upload
 * (`{uploadId}`: offset, chunks, end); no other catch-all serves the table.
 */
function servedPaths(route: FileRoute): string[] {
  const segments = route.segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"));
  const last = segments.at(-1) ?? "";
  if (/^\[\[\.\.\.\w+\]\]$/.test(last)) {
    const base = ["", "api", "v1", ...segments.slice(0, -1)].join("/");
    expect(base, `${route.file}: an optional catch-all the table does not know`).toBe("/api/v1/uploads");
    return [base, `${base}/{uploadId}`];
  }
  expect(segments.filter((s) => s.startsWith("[")), `${route.file}: a catch-all serving the table`).toEqual([]);
  return [["", "api", "v1", ...segments].join("/")];
}

describe("the operation table", () => {
  const routes = fileRoutes();
  const tableRoutes = routes.filter((r) => r.file !== UNKNOWN_PATHS);

  it("lists every method every route file serves, and every listed operation is served", () => {
    expect(routes.length, "route files found").toBeGreaterThan(30);
    const listed = new Set<string>(OPERATION_IDS);
    const served = new Set<string>();
    const unlisted: string[] = [];
    for (const route of tableRoutes) {
      const paths = servedPaths(route);
      const atPaths = OPERATION_IDS.filter((id) => paths.includes(pathOf(id)));
      // The optional catch-all answers every method at both its paths (tus reads its own URL).
      for (const method of route.methods) {
        const ids = atPaths.filter((id) => methodOf(id) === method);
        if (ids.length === 0) unlisted.push(`${method} ${route.file}`);
        for (const id of ids) served.add(id);
      }
    }
    expect(unlisted, "route handlers the operation table does not list").toEqual([]);
    expect(
      [...listed].filter((id) => !served.has(id)),
      "operations of the table no route file exports (add `export const { METHOD } = routeHandlers(path)` to its route.ts)",
    ).toEqual([]);
  });

  it("is reached at each of its paths by the route file that lists it, as Next picks files", () => {
    const wrong: string[] = [];
    for (const id of OPERATION_IDS) {
      const route = routeOf(routes, pathOf(id).replace(/\{\w+\}/g, "table-sample"));
      if (!route || !servedPaths(route).includes(pathOf(id)) || !route.methods.includes(methodOf(id))) wrong.push(`${id} reaches ${route?.file ?? "no route file"}`);
    }
    expect(wrong).toEqual([]);
  });

  it("has route files that take their handlers from the table, for their own paths, and touch no database", () => {
    const wrong: string[] = [];
    for (const route of tableRoutes) {
      const source = fs.readFileSync(route.file, "utf8");
      const call = /^import \{ routeHandlers \} from "@\/lib\/api\/route-handlers";\n\nexport const \{ ([A-Z, ]+) \} = routeHandlers\(([^)]*)\);\n$/.exec(source);
      if (!call) {
        wrong.push(`${route.file}: not the one line \`export const { … } = routeHandlers(…)\``);
        continue;
      }
      const paths = [...call[2].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      if (paths.join() !== servedPaths(route).join()) wrong.push(`${route.file}: routeHandlers(${call[2]}) for a file at ${servedPaths(route).join(", ")}`);
    }
    expect(wrong).toEqual([]);
    for (const route of routes) {
      const source = fs.readFileSync(route.file, "utf8");
      expect(source, route.file).not.toMatch(/from ["']@\/db|getDb|as never/);
    }
  });

  it("names its permissions from the permission table, each variant's where the body decides", () => {
    for (const id of OPERATION_IDS) {
      const { access, variants } = operation(id);
      expect(["public", "signed-in", ...Object.keys(PERMISSIONS)], id).toContain(access);
      for (const variant of Object.keys(variants ?? {})) expect(Object.keys(PERMISSIONS), `${id} (${variant})`).toContain(permissionOf(id, variant));
      if (variants) expect(() => permissionOf(id), `${id} without a variant`).toThrow();
    }
    expect(permissionOf("POST /api/v1/claims/{claimId}/transitions", "publish")).toBe("claims.publish");
    expect(permissionOf("GET /api/v1/claims")).toBeNull();
    expect(permissionOf("POST /api/v1/sources")).toBe("sources.create");
  });

  it("has a door for each operation, with a body schema exactly where the operation reads a JSON body", () => {
    const doors = DOORS as Record<string, { body?: unknown; query?: unknown }>;
    const withoutDoor = OPERATION_IDS.filter((id) => id !== "GET /api/v1/openapi.json" && !doors[id]);
    expect(withoutDoor).toEqual([]);
    expect(Object.keys(doors).filter((id) => !(OPERATION_IDS as string[]).includes(id))).toEqual([]);
    const mismatched = (Object.keys(doors) as OperationId[]).filter((id) => !!operation(id).body !== !!doors[id].body);
    expect(mismatched, "operations whose table entry and door disagree on reading a JSON body").toEqual([]);
    // A query schema is only for reads; a documented operation says what it answers.
    for (const id of OPERATION_IDS) {
      if (doors[id]?.query) expect(methodOf(id), id).toBe("GET");
      if (!operation(id).undocumented) expect(Object.keys(operation(id).responses ?? {}).filter((s) => s.startsWith("2")), id).toHaveLength(1);
    }
  });
});
