import fc from "fast-check";

/**
 * Any JSON value, for the property tests of canonical JSON and of reading events back: keys and
 * strings from the whole of Unicode by default (astral, lone surrogates, control characters test
 * the sort order by UTF-16 code units and the escaping), numbers with -0, exponents and fractions.
 * `keys` and `texts` narrow them (PostgreSQL's jsonb stores neither a lone surrogate nor NUL);
 * `extra` adds values a test wants met often.
 */
export function jsonValues({
  keys = fc.string({ unit: "binary", maxLength: 6 }),
  texts = fc.string({ unit: "binary", maxLength: 12 }),
  extra = [],
}: { keys?: fc.Arbitrary<string>; texts?: fc.Arbitrary<string>; extra?: fc.Arbitrary<unknown>[] } = {}): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    json: fc.oneof(
      { depthSize: "small" },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      texts,
      ...extra,
      fc.array(tie("json"), { maxLength: 5 }),
      fc.dictionary(keys, tie("json"), { maxKeys: 6 }),
    ),
  })).json;
}
