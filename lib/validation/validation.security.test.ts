import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "./parse";

/**
 * Fixes the attack corpus found at the validation layer (issue 8; e2e/security/attacks-json.spec.ts,
 * attacks-query.spec.ts): each was a 500, or a JSON body of the wrong type obeyed.
 */
describe("validation under attack", () => {
  it("names unknown fields called __proto__, constructor or toString (they were Object.prototype's: a TypeError, a 500)", () => {
    const schema = z.object({ title: z.string() }).strict();
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      const input = JSON.parse(`{"title":"t","${key}":{"role":"admin"}}`);
      let error: unknown;
      try {
        parseInput(schema, input);
      } catch (e) {
        error = e;
      }
      expect(error, key).toBeInstanceOf(AppError);
      const fieldErrors = (error as AppError).details.fieldErrors!;
      // A plain object (React's action state refuses null prototypes), the key its own property.
      expect(Object.getPrototypeOf(fieldErrors)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(fieldErrors, key), key).toBe(true);
      expect(JSON.parse(JSON.stringify(fieldErrors))).toEqual({ [key]: ["Unknown field."] });
    }
  });
});
