import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Db, rowsOf } from "@/db/connect";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { canonicalJsonOfJsonbText } from "./canonical-jsonb-text";
import { canonicalJson } from "./chain";

// What the app can store: JSON text that jsonb accepts (no \u0000, no lone surrogate).
const storable = (s: string) => s.isWellFormed() && !s.includes("\u0000");
const text = (maxLength: number) => fc.string({ unit: "binary", maxLength }).filter(storable);
// Keys from the whole of Unicode: jsonb sorts them by length then UTF-8 bytes, RFC 8785 by UTF-16
// code units, so astral keys against U+E000–U+FFFF, and short against long, must be re-sorted.
const key = fc.oneof(text(6), fc.constantFrom("é", "z", "😀", "\uffff", "\ue000", "a", "aa", "b", 'q"', "\\", "\n", "10", "9", "__proto__"));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(1e21, 1e-7, 0.1, -0, 2 ** 53 + 2, 2 ** 64, 1.5e300, 5e-324, 123456789.125),
    text(12),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 6 }),
  ),
})).value;

/** Each value as the app stores it (JSON text into jsonb), read back as jsonb's text. */
async function throughJsonb(db: Db, values: unknown[]): Promise<string[]> {
  const result = await db.execute(sql`
    select value::text as text from jsonb_array_elements(${JSON.stringify(values)}::jsonb) with ordinality order by ordinality`);
  return rowsOf<{ text: string }>(result).map((row) => row.text);
}

describe.each(TEST_DRIVERS)("canonical JSON from jsonb's text on %s", (driver) => {
  const world = useTestWorld(driver);

  it("writes what canonicalJson writes for the value the app stored, for any JSON value", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(json, { minLength: 1, maxLength: 20 }), async (values) => {
        const texts = await throughJsonb(world.db, values);
        texts.forEach((stored, i) => expect(canonicalJsonOfJsonbText(stored)).toBe(canonicalJson(JSON.parse(JSON.stringify(values[i])))));
      }),
      { numRuns: 200 },
    );
  });

  it("re-sorts keys, drops jsonb's spaces and writes numbers and escapes as JavaScript does", async () => {
    const value = { z: 1, é: [1e21, 0.1, -0, 1e-7, 12345678901234567890], "😀": "\u0001\u007f\"\\/\u2028", "\uffff": { b: [], a: {} }, aa: true, b: null };
    const [stored] = await throughJsonb(world.db, [value]);
    expect(stored).toContain(", "); // jsonb's own spacing, so the test sees a real difference
    expect(canonicalJsonOfJsonbText(stored)).toBe(
      '{"aa":true,"b":null,"z":1,"é":[1e+21,0.1,0,1e-7,12345678901234567000],"😀":"\\u0001\u007f\\"\\\\/\u2028","\uffff":{"a":{},"b":[]}}',
    );
    // A number beyond a double, written in SQL: JSON.parse makes it Infinity, canonicalJson null.
    const [huge] = rowsOf<{ text: string }>(await world.db.execute(sql`select '[1e400, 1.0, 2.50]'::jsonb::text as text`));
    expect(canonicalJsonOfJsonbText(huge.text)).toBe(canonicalJson(JSON.parse(huge.text)));
    expect(canonicalJsonOfJsonbText(huge.text)).toBe("[null,1,2.5]");
  });

  it("refuses text that is not JSON", () => {
    for (const bad of ["", "{", '{"a" 1}', "[1,]", "tru", '"open', "1 2", "{1: 2}", "-", "1e"]) {
      expect(() => canonicalJsonOfJsonbText(bad), bad).toThrow();
    }
  });
});
