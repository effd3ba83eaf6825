import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalEvent, canonicalJson, GENESIS_HASH, hashEvent } from "./chain";
import { jsonValues } from "@/lib/test/json-values";

const event = {
  seq: 1,
  occurredAt: new Date("2025-03-12T10:00:00.000Z"),
  actorId: null,
  type: "claim.submitted",
  entityType: "claim",
  entityId: "c1",
  data: { z: 1, a: { y: "ب", b: [2, 1] } },
  prevHash: GENESIS_HASH,
};

describe("audit chain hashing", () => {
  it("is sha256(prev_hash ‖ canonical JSON), with keys sorted whatever their order", () => {
    const canonical = canonicalEvent(event);
    expect(canonical).toBe(
      '{"actorId":null,"data":{"a":{"b":[2,1],"y":"ب"},"z":1},"entityId":"c1","entityType":"claim","occurredAt":"2025-03-12T10:00:00.000Z","prevHash":"' +
        GENESIS_HASH +
        '","seq":1,"type":"claim.submitted"}',
    );
    expect(hashEvent(event)).toBe(createHash("sha256").update(GENESIS_HASH + canonical).digest("hex"));
    const reordered = { ...event, data: { a: { b: [2, 1], y: "ب" }, z: 1 } };
    expect(hashEvent(reordered)).toBe(hashEvent(event));
  });

  it("changes with any field, including the link to the event before", () => {
    const base = hashEvent(event);
    expect(hashEvent({ ...event, seq: 2 })).not.toBe(base);
    expect(hashEvent({ ...event, data: { z: 2, a: { y: "ب", b: [2, 1] } } })).not.toBe(base);
    expect(hashEvent({ ...event, prevHash: "f".repeat(64) })).not.toBe(base);
    expect(hashEvent({ ...event, occurredAt: new Date("2025-03-12T10:00:00.001Z") })).not.toBe(base);
  });

  it("writes RFC 8785 canonical JSON exactly as the reference implementation does, for any JSON value", () => {
    // Keys from the whole of Unicode (astral, surrogates, control characters) test the sort order
    // (UTF-16 code units) and the escaping; numbers include -0, exponents and fractions.
    const value = jsonValues();
    fc.assert(fc.property(value, (v) => canonicalJson(v) === canonicalize(v)), { numRuns: 3000 });
    // The event's own writer, member by member, agrees with canonicalising the whole event.
    const text = fc.string({ unit: "binary", maxLength: 10 });
    const chained = fc.record({
      seq: fc.integer({ min: 1 }),
      occurredAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date("2100-01-01") }),
      actorId: fc.option(text, { nil: null }),
      type: text,
      entityType: text,
      entityId: text,
      data: value,
      prevHash: text,
    });
    fc.assert(fc.property(chained, (e) => canonicalEvent(e) === canonicalize({ ...e, occurredAt: e.occurredAt.toISOString() })), { numRuns: 2000 });
    // What JSON leaves out or rewrites: undefined members, undefined in arrays, dates.
    const odd = { b: undefined, a: [undefined, new Date("2025-03-12T10:00:00.000Z")], c: { toJSON: () => "x" } };
    expect(canonicalJson(odd)).toBe(canonicalize(odd));
    expect(canonicalJson(odd)).toBe('{"a":[null,"2025-03-12T10:00:00.000Z"],"c":"x"}');
  });
});

