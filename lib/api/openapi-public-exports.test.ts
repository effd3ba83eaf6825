import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document's public exports", () => {
  it("names the feed, the CSV, the ZIP and the time-stamps' tokens, each open to everyone with its own media type", () => {
    const paths = openApiDocument().paths as unknown as Record<string, { get: { security: unknown[]; responses: Record<string, { content?: object }> } }>;
    const media = {
      "/api/v1/public/feed.atom": "application/atom+xml",
      "/api/v1/public/entries.csv": "text/csv",
      "/api/v1/public/export.zip": "application/zip",
      "/api/v1/public/time-stamps/{stampId}/token": "application/timestamp-reply",
    };
    for (const [path, type] of Object.entries(media)) {
      expect(paths[path]?.get.security, path).toEqual([]);
      expect(Object.keys(paths[path].get.responses["200"].content ?? {}), path).toEqual([type]);
    }
  });

  it("describes an entry's translations, the CSV's columns in both languages, and the translations a correction takes", () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    type Schema = { properties: Record<string, { propertyNames?: { enum: string[] }; additionalProperties?: { properties: object }; properties?: Record<string, unknown> }> };
    const answer = (path: string) => (doc.paths[path].get.responses as Record<string, { content: { "application/json": { schema: Schema } } }>)["200"].content["application/json"].schema;
    for (const path of ["/api/v1/public/entries/{slug}", "/api/v1/public/entries/{slug}/versions/{version}"]) {
      const translations = answer(path).properties.translations;
      expect(translations.propertyNames?.enum, path).toEqual(["ar", "en"]);
      expect(Object.keys(translations.additionalProperties?.properties ?? {}), path).toEqual(["title", "summary", "outdated"]);
    }
    expect(doc.paths["/api/v1/public/entries.csv"].get.description).toContain("independent_origins, then each interface language's title and summary (title_ar, summary_ar, title_en, summary_en)");
    const body = (doc.paths["/api/v1/claims/{claimId}/transitions"].post.requestBody as { content: { "application/json": { schema: Schema } } }).content["application/json"].schema;
    const changes = body.properties.changes as unknown as Schema;
    const byLanguage = changes.properties.translations as unknown as Schema;
    expect(Object.keys(byLanguage.properties)).toEqual(["ar", "en"]);
    expect(JSON.stringify(byLanguage.properties.ar)).toContain('"maxLength":300');
  });
});
