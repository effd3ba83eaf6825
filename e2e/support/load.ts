import { createHash, randomUUID } from "node:crypto";
import { expect } from "@playwright/test";

/**
 * A plain HTTP client for load and fault tests: many calls at once over Node's fetch, each with a
 * time limit, every answer tallied by route and status, and anything unexpected (a 5xx, a status
 * the caller did not allow, no answer at all) kept with its body for the failure message.
 */

export type Call = {
  method: string;
  path: string;
  route: string;
  status: number; // 0: no whole answer (network error, cut off, or time limit)
  body: unknown;
  headers: Headers;
  started: number;
  ended: number;
  error?: string;
};

export type CallOptions = {
  json?: unknown;
  file?: { name: string; type: string; bytes: Buffer };
  /** Statuses that are a normal answer here (default: any 2xx). */
  allow?: number[];
  /** Read the body as bytes rather than JSON. */
  raw?: boolean;
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** "POST /api/v1/claims/:id/transitions": the route of a path, for tallies. */
export function routeOf(method: string, path: string): string {
  return `${method} ${path.split("?")[0].replace(UUID, ":id")}`;
}

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

export class LoadClient {
  readonly calls: Call[] = [];
  readonly unexpected: Call[] = [];

  constructor(
    readonly base: string,
    readonly tokens: Record<string, string>,
    readonly timeoutMs = 30_000,
  ) {}

  token(who: string): string {
    const token = this.tokens[who.includes("@") ? who : `${who}@demo.test`];
    if (!token) throw new Error(`no token for ${who}`);
    return token;
  }

  async call(who: string, method: string, path: string, options: CallOptions = {}): Promise<Call> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token(who)}` };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.file) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(options.file.bytes)], { type: options.file.type }), options.file.name);
      body = form;
    }
    const started = Date.now();
    const call: Call = { method, path, route: routeOf(method, path), status: 0, body: null, headers: new Headers(), started, ended: started };
    try {
      const response = await fetch(new URL(path, this.base), { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      call.status = response.status;
      call.headers = response.headers;
      if (options.raw && response.ok) {
        call.body = Buffer.from(await response.arrayBuffer());
      } else {
        const text = await response.text();
        try {
          call.body = text ? JSON.parse(text) : null;
        } catch {
          call.body = text;
        }
      }
    } catch (error) {
      // No answer, or one cut off in its body: counted as no answer (status 0).
      call.status = 0;
      call.body = null;
      call.error = error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}` : String(error);
    }
    call.ended = Date.now();
    this.calls.push(call);
    const allowed = options.allow ? options.allow.includes(call.status) : call.status >= 200 && call.status < 300;
    if (!allowed) this.unexpected.push(call);
    return call;
  }

  /** Calls per "route status", most frequent first: for the test's log. */
  tally(calls: Call[] = this.calls): Record<string, number> {
    const counts = new Map<string, number>();
    for (const c of calls) counts.set(`${c.route} ${c.status || c.error}`, (counts.get(`${c.route} ${c.status || c.error}`) ?? 0) + 1);
    return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
  }

  /** The unexpected answers, briefly, for an assertion message. */
  describeUnexpected(limit = 10): string {
    return this.unexpected
      .slice(0, limit)
      .map((c) => `${c.route} → ${c.status || c.error}: ${JSON.stringify(c.body)?.slice(0, 300)}`)
      .join("\n");
  }
}

/** A small text file whose bytes no other test makes (or, with `shared`, the same bytes every time). */
export function textFile(shared?: string): { name: string; type: string; bytes: Buffer } {
  const text = shared ? `Shared witness notes ${shared}.\n` : `Witness notes ${randomUUID()}.\n${"line of notes\n".repeat(1 + Math.floor(Math.random() * 200))}`;
  return { name: `notes-${randomUUID().slice(0, 8)}.txt`, type: "text/plain", bytes: Buffer.from(text) };
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type AuditEvent = {
  seq: number;
  type: string;
  entity: { type: string; id: string };
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

/** The whole audit log (or the events after `afterSeq`), read through the API a page at a time. */
export async function readAuditLog(client: LoadClient, who = "admin", afterSeq = 0): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  // The log's cursor is the last seq seen (lib/validation/cursor: base64url JSON).
  let cursor: string | null = afterSeq > 0 ? Buffer.from(JSON.stringify(afterSeq)).toString("base64url") : null;
  for (;;) {
    const call = await client.call(who, "GET", `/api/v1/audit?order=asc&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (call.status !== 200) throw new Error(`reading the audit log: ${call.status} ${JSON.stringify(call.body)}`);
    const page = call.body as { items: AuditEvent[]; nextCursor: string | null };
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

export type ChainVerification = { ok: boolean; events: number; head: string; firstBroken: number | null };

export async function verifyChain(client: LoadClient, who = "admin"): Promise<ChainVerification> {
  const call = await client.call(who, "GET", "/api/v1/audit/verify");
  if (call.status !== 200) throw new Error(`verifying the chain: ${call.status} ${JSON.stringify(call.body)}`);
  return call.body as ChainVerification;
}

/**
 * The chain as a whole, after load or a fault: the server's verifier passes, the log read through
 * the API has no fork or gap, and both end on one head (jobs may append after, so the log is read
 * second). Returns the log and the verification.
 */
export async function expectWholeChain(client: LoadClient): Promise<{ log: AuditEvent[]; verified: ChainVerification }> {
  const verified = await verifyChain(client);
  expect(verified).toMatchObject({ ok: true, firstBroken: null });
  const log = await readAuditLog(client);
  expect(chainProblem(log), "the chain read through the API").toBeNull();
  expect(log[verified.events - 1].hash).toBe(verified.head);
  return { log, verified };
}

export const transitionsOf = (log: AuditEvent[], claimId: string) => log.filter((e) => e.type === "claim.transitioned" && e.entity.id === claimId);

/** A claim's version and state are what its transition trail in `log` says: version n+1 after n transitions, each step's version in order. */
export async function expectClaimFollowsTrail(client: LoadClient, log: AuditEvent[], claimId: string) {
  const now = (await client.call("reviewer", "GET", `/api/v1/claims/${claimId}`)).body as { version: number; state: string };
  const trail = transitionsOf(log, claimId);
  expect(trail.map((e) => e.data.version), `versions in ${claimId}'s trail`).toEqual(trail.map((_, i) => i + 2));
  expect(now.version).toBe(1 + trail.length);
  expect(now.state).toBe(trail.length ? trail.at(-1)!.data.to : "triage");
}

/**
 * No fork and no gap: seq runs 1, 2, 3 … without a hole or a repeat, each event names the one
 * before it as prev, and no hash appears twice. Returns a problem, or null.
 */
export function chainProblem(events: AuditEvent[], firstSeq = 1, firstPrev?: string): string | null {
  const hashes = new Set<string>();
  let prev = firstPrev;
  for (const [i, e] of events.entries()) {
    if (e.seq !== firstSeq + i) return `seq ${e.seq} where ${firstSeq + i} was expected`;
    if (prev !== undefined && e.prevHash !== prev) return `event ${e.seq} follows ${e.prevHash.slice(0, 12)}, not the event before it (${prev.slice(0, 12)})`;
    if (hashes.has(e.hash)) return `hash of event ${e.seq} appears twice`;
    hashes.add(e.hash);
    prev = e.hash;
  }
  return null;
}
