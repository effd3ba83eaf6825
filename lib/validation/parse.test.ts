import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "./parse";

describe("parseInput", () => {
  it("answers BAD_REQUEST with field errors, naming unknown fields one by one", () => {
    const schema = z.object({ title: z.string().min(1, "Required."), nested: z.object({ a: z.number() }).strict() }).strict();
    try {
      parseInput(schema, { title: "", extra: 1, nested: { a: 1, sneaky: true } });
      throw new Error("expected a failure");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_REQUEST");
      expect((error as AppError).details.fieldErrors).toEqual({
        title: ["Required."],
        extra: ["Unknown field."],
        "nested.sneaky": ["Unknown field."],
      });
    }
  });
});
