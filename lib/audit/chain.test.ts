import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalEvent, GENESIS_HASH, hashEvent } from "./chain";

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
});
