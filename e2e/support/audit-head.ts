import { type APIRequestContext, expect } from "@playwright/test";

export type AuditHead = { seq: number; hash: string };

const lastSeen = new WeakMap<object, AuditHead>();

/**
 * The audit log's last event, read forward from the last one this `api` saw, so a snapshot costs
 * the events written since, not the whole log (the security specs take thousands of snapshots,
 * and verifying the chain each time made them quadratic). Verify the chain with `expectChainVerifies`.
 */
export async function auditHead(api: APIRequestContext, adminHeaders: Record<string, string>): Promise<AuditHead> {
  let head = lastSeen.get(api) ?? { seq: 0, hash: "" };
  let cursor: string | null = head.seq ? Buffer.from(JSON.stringify(head.seq)).toString("base64url") : null;
  do {
    const response = await api.get(`/api/v1/audit?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: adminHeaders });
    expect(response.status(), "the audit log can be read").toBe(200);
    const page = (await response.json()) as { items: AuditHead[]; nextCursor: string | null };
    const last = page.items.at(-1);
    if (last) head = { seq: last.seq, hash: last.hash };
    cursor = page.nextCursor;
  } while (cursor);
  lastSeen.set(api, head);
  return head;
}

/** The whole chain verifies, and its head is the last event the log lists. */
export async function expectChainVerifies(api: APIRequestContext, adminHeaders: Record<string, string>) {
  const response = await api.get("/api/v1/audit/verify", { headers: adminHeaders });
  expect(response.status(), "the audit log can be verified").toBe(200);
  const audit = (await response.json()) as { ok: boolean; events: number; head: string };
  expect(audit.ok, "the audit chain verifies").toBe(true);
  expect(audit.head, "the verified head is the last event listed").toBe((await auditHead(api, adminHeaders)).hash);
}
