import { zOptionalText, zText } from "./text";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { ZPersonDetails } from "@/lib/persons/schemas";
import { decodeCursor, ZCursorText, ZCursorTimestamp } from "./cursor";
import { zNumeric } from "./number";
import { parseInput } from "./parse";

/**
 * Fixes the attack corpus found at the validation layer (issue 8; e2e/security/attacks-json.spec.ts,
 * attacks-query.spec.ts): each was a 500, or a JSON body of the wrong type obeyed.
 */
describe("validation under attack", () => {
  it("takes no required text made only of invisible characters (a reason of U+200B and U+202E said nothing and was kept)", () => {
    const reason = zText(500);
    for (const invisible of ["\u200B", " \u200B\u202E ", "\u2066\u2069", "\u200F\u200E"]) expect(reason.safeParse(invisible).success, JSON.stringify(invisible)).toBe(false);
    for (const visible of ["\u202Eevil", "مقبرة\u200F", "a"]) expect(reason.safeParse(visible).success, JSON.stringify(visible)).toBe(true);
    expect(reason.safeParse("").error?.issues).toHaveLength(1);
    expect(zOptionalText(500).safeParse("\u200B").data).toBeUndefined();
  });
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

  it("reads numbers from JSON and from form text only: true, [3], null, \"\", \" \" and 0x10 are not numbers", () => {
    const version = zNumeric(z.number().int().positive());
    expect(version.parse(3)).toBe(3);
    expect(version.parse("3")).toBe(3);
    expect(version.parse(" 12 ")).toBe(12);
    for (const wrong of [true, false, [3], null, "", " ", "0x10", "1e3x", "abc", { valueOf: 3 }]) {
      expect(version.safeParse(wrong).success, JSON.stringify(wrong)).toBe(false);
    }
  });

  it("refuses cursors the database cannot read: year 0, NUL, lone surrogates (each was a 500)", () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const timestamps = z.tuple([ZCursorTimestamp, z.uuid()]);
    const names = z.tuple([ZCursorText, z.uuid()]);
    const id = "00000000-0000-4000-8000-000000000000";
    expect(decodeCursor(timestamps, b64(["2025-03-06T10:00:00.000Z", id]))).toEqual(["2025-03-06T10:00:00.000Z", id]);
    expect(() => decodeCursor(timestamps, b64(["0000-01-01T00:00:00.000Z", id]))).toThrow(AppError);
    expect(decodeCursor(names, b64(["Monitor", id]))).toEqual(["Monitor", id]);
    expect(() => decodeCursor(names, b64(["a\u0000b", id]))).toThrow(AppError);
    expect(() => decodeCursor(names, Buffer.from(`["\\ud800","${id}"]`).toString("base64url"))).toThrow(AppError);
  });

  it("refuses a person's date in year 0, which PostgreSQL does not have (the insert failed: a 500)", () => {
    expect(ZPersonDetails.incidentDate.safeParse("2025-03-07").success).toBe(true);
    for (const date of ["0000-01-01", "0999-12-31", "3000-01-01"]) expect(ZPersonDetails.incidentDate.safeParse(date).success, date).toBe(false);
  });
});
