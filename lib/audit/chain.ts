import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

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

/** The canonical JSON (RFC 8785) of an event without its hash: what the hash covers. */
export function canonicalEvent(event: ChainedFields): string {
  const text = canonicalize({
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    type: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
    data: event.data,
    prevHash: event.prevHash,
  });
  if (text === undefined) throw new Error("Audit event cannot be canonicalised");
  return text;
}

/** hash = sha256(prev_hash ‖ canonical JSON of the event without hash). */
export function hashEvent(event: ChainedFields): string {
  return createHash("sha256").update(event.prevHash).update(canonicalEvent(event)).digest("hex");
}
