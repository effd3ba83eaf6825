import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document's public exports", () => {
  it("names the feed, the CSV and the ZIP, each open to everyone with its own media type", () => {
    const paths = openApiDocument().paths as unknown as Record<string, { get: { security: unknown[]; responses: Record<string, { content?: object }> } }>;
    const media = {
      "/api/v1/public/feed.atom": "application/atom+xml",
      "/api/v1/public/entries.csv": "text/csv",
      "/api/v1/public/export.zip": "application/zip",
    };
    for (const [path, type] of Object.entries(media)) {
      expect(paths[path]?.get.security, path).toEqual([]);
      expect(Object.keys(paths[path].get.responses["200"].content ?? {}), path).toEqual([type]);
    }
  });
});
