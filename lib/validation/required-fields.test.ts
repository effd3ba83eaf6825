import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REQUIRED_CLAIM_FIELDS } from "@/lib/claims/schemas";
import { REQUIRED_FIGURE_FIELDS } from "@/lib/figures/schemas";
import { ZCreateSource } from "@/lib/sources/schemas";
import { requiredFieldsOf } from "./required-fields";

describe("requiredFieldsOf: the fields a form marks before anything is sent", () => {
  it("names the fields that refuse to be left out, and none that may be", () => {
    const schema = z.object({
      title: z.string().min(1),
      note: z.string().optional(),
      empty: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
      when: z.preprocess((v) => (v === "" ? undefined : v), z.string()),
    });
    expect(requiredFieldsOf(schema)).toEqual(["title", "when"]);
  });

  it("marks what the server refuses on each form that uses it", () => {
    expect([...REQUIRED_CLAIM_FIELDS].sort()).toEqual(["kind", "language", "summary", "title"]);
    expect(requiredFieldsOf(ZCreateSource).sort()).toEqual(["kind", "name", "reliability"]);
    expect([...REQUIRED_FIGURE_FIELDS].sort()).toEqual(["asOf", "measure", "scopePlace", "sourceId", "value", "valueMax", "valueMin"]);
  });
});
