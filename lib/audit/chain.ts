import { createHash } from "node:crypto";

/** The value the first event chains to. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  type: string;
  entityType: string;
  entityId: string;
  data: unknown;
  prevHash: string;
};

/**
 * RFC 8785 canonical JSON of a JSON value: object keys sorted by UTF-16 code units, no whitespace,
 * strings and numbers as ECMAScript's JSON.stringify writes them, undefined members left out (in
 * arrays, null), `toJSON` honoured. The same output as the `canonicalize` package (a property test
 * holds them equal) at a fraction of its cost, which matters when a million events are verified.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === "function") return canonicalJson(withJson.toJSON());
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += `${i ? "," : ""}${canonicalJson(value[i]) ?? "null"}`;
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = "{";
      let first = true;
      for (const key of keys) {
        const member = canonicalJson(record[key]);
        if (member === undefined) continue;
        out += `${first ? "" : ","}${JSON.stringify(key)}:${member}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return undefined; // undefined, functions and symbols have no JSON form
  }
}

/** The canonical JSON (RFC 8785) of an event without its hash: what the hash covers. */
export function canonicalEvent(event: ChainedFields): string {
  // The members in their canonical (sorted) order, written directly: this runs for every event
  // of a verification. The property test holds it equal to canonicalJson of the whole object.
  const data = canonicalJson(event.data);
  if (data === undefined) throw new Error("Audit event data cannot be canonicalised");
  const str = JSON.stringify;
  return (
    `{"actorId":${event.actorId === null ? "null" : str(event.actorId)},"data":${data},"entityId":${str(event.entityId)},` +
    `"entityType":${str(event.entityType)},"occurredAt":"${event.occurredAt.toISOString()}","prevHash":${str(event.prevHash)},` +
    `"seq":${canonicalJson(event.seq)},"type":${str(event.type)}}`
  );
}

/** hash = sha256(prev_hash ‖ canonical JSON of the event without hash). */
export function hashEvent(event: ChainedFields): string {
  return createHash("sha256").update(event.prevHash).update(canonicalEvent(event)).digest("hex");
}
