import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { DOORS } from "./handlers";
import { methodOf, OPERATION_IDS, operation, type OperationId, pathOf, permissionOf } from "./operations";
import { matchPath, samplePath } from "./match-path";
import { SERVED_WITHOUT_DATABASE } from "./route-handlers";

/**
 * The API is served by one route file, which hands every request to the table's dispatcher
 * (./route-handlers.ts): what the table lists is what is served, so the checks here are that
 * nothing else is served beside it and that each operation is reached at its own path.
 */
const DISPATCHER = "app/api/v1/[[...path]]/route.ts";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts") || f.endsWith("route.tsx")).map((f) => `${dir}/${f}`);
}

describe("the operation table", () => {
  it("is the whole API: one route file under app/api/v1, the dispatcher, which touches nothing but the table", () => {
    expect(routeFiles("app/api/v1")).toEqual([DISPATCHER]);
    expect(fs.readFileSync(DISPATCHER, "utf8")).toBe(
      'import { apiDispatch } from "@/lib/api/route-handlers";\n\nexport const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = apiDispatch();\n',
    );
    // Outside /api/v1: Auth.js's own, and the public site's documents (app/[locale]), which only
    // answer GET through lib/public-pages and read nothing but published material.
    const others = routeFiles("app").filter((f) => !f.startsWith("app/api/v1/"));
    expect(others.filter((f) => !f.startsWith("app/[locale]/"))).toEqual(["app/api/auth/[...nextauth]/route.ts"]);
    const documents = others.filter((f) => f.startsWith("app/[locale]/"));
    expect(documents).toContain("app/[locale]/entries/[slug]/route.ts");
    for (const file of documents) {
      const source = fs.readFileSync(file, "utf8");
      expect(source, file).toMatch(/from "@\/lib\/public-pages\//);
      expect([...source.matchAll(/export (?:async )?(?:function|const) (\w+)/g)].map((m) => m[1]), file).toEqual(["GET"]);
    }
  });

  it("reaches each operation at its own path: a literal segment before a parameter, ids decoded", () => {
    const wrong: string[] = [];
    for (const id of OPERATION_IDS) {
      const match = matchPath(samplePath(pathOf(id)));
      if (match?.operations[methodOf(id)] !== id) wrong.push(`${id} reaches ${match ? Object.values(match.operations).join(", ") : "nothing"}`);
    }
    expect(wrong).toEqual([]);
    expect(matchPath("/api/v1/persons/match")?.path).toBe("/api/v1/persons/match");
    expect(matchPath("/api/v1/persons/p%C3%A9rez")).toEqual(expect.objectContaining({ path: "/api/v1/persons/{personId}", params: { personId: "pérez" } }));
    expect(matchPath("/api/v1/claims/c1/persons/l%2F2")?.params).toEqual({ claimId: "c1", linkId: "l/2" });
    expect(matchPath("/api/v1/claims/%ZZ")).toBeNull();
    expect(matchPath("/api/v1/nothing/here")).toBeNull();
    expect(matchPath("/api/v1/claims/c1/extra/segments/beyond")).toBeNull();
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
    const withoutDoor = OPERATION_IDS.filter((id) => id !== "GET /api/v1/openapi.json" && !operation(id).withoutDatabase && !doors[id]);
    expect(withoutDoor).toEqual([]);
    // Those the table serves without the database are served so, and have no door of the kit's.
    expect(OPERATION_IDS.filter((id) => operation(id).withoutDatabase)).toEqual(SERVED_WITHOUT_DATABASE);
    expect(SERVED_WITHOUT_DATABASE.filter((id) => doors[id])).toEqual([]);
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
