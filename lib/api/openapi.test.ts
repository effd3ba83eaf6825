import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  it("is generated from the request schemas and names every route", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/v1/claims",
      "/api/v1/claims/{claimId}/transitions",
      "/api/v1/claims/{claimId}/evidence",
      "/api/v1/evidence/{evidenceId}",
      "/api/v1/sources",
      "/api/v1/sources/{sourceId}/citations",
      "/api/v1/claims/{claimId}/assessments",
      "/api/v1/claims/{claimId}/origins",
      "/api/v1/audit/verify",
      "/api/v1/public/entries",
      "/api/v1/persons/match",
      "/api/v1/persons/reconcile",
      "/api/v1/claims/{claimId}/persons",
      "/api/v1/claims/{claimId}/persons/import",
      "/api/v1/claims/{claimId}/figures",
      "/api/v1/figures/series",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const create = doc.paths["/api/v1/sources"].post.requestBody?.content["application/json"].schema as { properties: Record<string, { enum?: string[] }> };
    expect(create.properties.reliability.enum).toEqual(["A", "B", "C", "D", "E", "F"]);
    const reconcile = doc.paths["/api/v1/persons/reconcile"].post.requestBody?.content["application/json"].schema as { properties: Record<string, { maxItems?: number }> };
    expect(reconcile.properties.names.maxItems).toBe(20_000);
    expect(JSON.stringify(doc)).not.toMatch(/undefined/);
  });
});
