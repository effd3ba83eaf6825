import * as check from "./check";
import { fetchAnswer, type HttpClient } from "./http";

export type AuditHead = { seq: number; hash: string };

const lastSeen = new WeakMap<HttpClient, AuditHead>();

/**
 * The audit log's last event, read forward from the last one this `client` saw, so a snapshot costs
 * the events written since, not the whole log (the security specs take thousands of snapshots,
 * and verifying the chain each time made them quadratic). Verify the chain with `expectChainVerifies`.
 */
export async function auditHead(client: HttpClient, adminHeaders: Record<string, string>): Promise<AuditHead> {
  let head = lastSeen.get(client) ?? { seq: 0, hash: "" };
  let cursor: string | null = head.seq ? Buffer.from(JSON.stringify(head.seq)).toString("base64url") : null;
  do {
    const answer = await fetchAnswer(client, `/api/v1/audit?order=asc&limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: adminHeaders });
    check.equal(answer.status, 200, "the audit log can be read");
    const page = JSON.parse(answer.text) as { items: AuditHead[]; nextCursor: string | null };
    const last = page.items.at(-1);
    if (last) head = { seq: last.seq, hash: last.hash };
    cursor = page.nextCursor;
  } while (cursor);
  lastSeen.set(client, head);
  return head;
}

/** The whole chain verifies, and its head is the last event the log lists. */
export async function expectChainVerifies(client: HttpClient, adminHeaders: Record<string, string>) {
  const answer = await fetchAnswer(client, "/api/v1/audit/verify", { headers: adminHeaders });
  check.equal(answer.status, 200, "the audit log can be verified");
  const audit = JSON.parse(answer.text) as { ok: boolean; events: number; head: string };
  check.equal(audit.ok, true, "the audit chain verifies");
  check.equal(audit.head, (await auditHead(client, adminHeaders)).hash, "the verified head is the last event listed");
}
