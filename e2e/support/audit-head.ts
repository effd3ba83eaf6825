import { GENESIS_HASH, hashEvent } from "@/lib/audit/chain";
import * as check from "./check";
import { fetchAnswer, type HttpClient } from "./http";

export type AuditHead = { seq: number; hash: string };

/** An event as the audit log lists it to an admin (lib/audit/list-events.ts): every field its hash covers. */
export type ListedEvent = AuditHead & {
  occurredAt: string;
  actor: { id: string } | null;
  type: string;
  entity: { type: string; id: string };
  data: unknown;
  prevHash: string;
};

/** The last event this client read and checked: every event up to it was linked and hashed here. */
const lastSeen = new WeakMap<HttpClient, AuditHead>();

/**
 * `event` is the one after `previous` in an unbroken chain: the next seq, linked to `previous`'s
 * hash (the genesis value for the first), and its own hash recomputed from its fields as the
 * server's verifier does (lib/audit/verify-chain.ts). A chain checked this way event by event, as
 * it grows, is checked as strongly as by walking it whole again, for every event it adds.
 */
function checkLink(previous: AuditHead, event: ListedEvent) {
  check.equal(event.seq, previous.seq + 1, `the audit log lists event #${previous.seq + 1} after #${previous.seq}`);
  check.equal(event.prevHash, previous.seq ? previous.hash : GENESIS_HASH, `audit event #${event.seq} links to the event before it`);
  const hash = hashEvent({
    seq: event.seq,
    occurredAt: new Date(event.occurredAt),
    actorId: event.actor?.id ?? null,
    type: event.type,
    entityType: event.entity.type,
    entityId: event.entity.id,
    data: event.data,
    prevHash: event.prevHash,
  });
  check.equal(hash, event.hash, `audit event #${event.seq}'s hash matches its fields`);
}

/** A request's span of time, named: a refused request whose "no event appended" waits for the next read of the head. */
export type RequestSpan = { what: string; from: number; to: number };

/** The spans in which `event` was written: the server stamps it with this machine's clock, within the request that wrote it. */
export function spansOf(event: ListedEvent, spans: RequestSpan[]): RequestSpan[] {
  const at = Date.parse(event.occurredAt);
  return spans.filter((span) => span.from <= at && at <= span.to);
}

/** An event as a failure names it. */
export const describeEvent = (event: ListedEvent) => `event #${event.seq} ${event.type} on ${event.entity.type} ${event.entity.id} at ${event.occurredAt}`;

/**
 * The audit log's last event, read forward from the last one this `client` saw, so a snapshot costs
 * the events written since, not the whole log (the security specs take thousands of snapshots,
 * and verifying the chain each time made them quadratic). Every event read is checked against the
 * one before it (`checkLink`), so the head returned closes a chain verified from the first event.
 * `expectWholeChainVerifies` asks the server's own verifier, which reads the stored rows.
 * `onEvent` is shown each new event, in order.
 */
export async function auditHead(client: HttpClient, adminHeaders: Record<string, string>, onEvent?: (event: ListedEvent) => void): Promise<AuditHead> {
  let head = lastSeen.get(client) ?? { seq: 0, hash: "" };
  let cursor: string | null = head.seq ? Buffer.from(JSON.stringify(head.seq)).toString("base64url") : null;
  do {
    const answer = await fetchAnswer(client, `/api/v1/audit?order=asc&limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: adminHeaders });
    check.equal(answer.status, 200, "the audit log can be read");
    const page = JSON.parse(answer.text) as { items: ListedEvent[]; nextCursor: string | null };
    for (const event of page.items) {
      checkLink(head, event);
      onEvent?.(event);
      head = { seq: event.seq, hash: event.hash };
    }
    cursor = page.nextCursor;
  } while (cursor);
  lastSeen.set(client, head);
  return head;
}

/**
 * The chain verifies up to the last event the log lists: the events written since this client's
 * last look are read, linked and hashed (`auditHead`), which costs what was written, not the whole
 * log. Each test of the security specs ends with it; `expectWholeChainVerifies` once per server.
 */
export async function expectChainVerifies(client: HttpClient, adminHeaders: Record<string, string>) {
  await auditHead(client, adminHeaders);
}

/**
 * The server's own verifier walks the whole stored chain (which also finds an event changed in
 * place, behind the last one read), and its head is the last event the log lists.
 */
export async function expectWholeChainVerifies(client: HttpClient, adminHeaders: Record<string, string>) {
  const answer = await fetchAnswer(client, "/api/v1/audit/verify", { headers: adminHeaders });
  check.equal(answer.status, 200, "the audit log can be verified");
  const audit = JSON.parse(answer.text) as { ok: boolean; events: number; head: string };
  check.equal(audit.ok, true, "the audit chain verifies");
  check.equal(audit.head, (await auditHead(client, adminHeaders)).hash, "the verified head is the last event listed");
}
