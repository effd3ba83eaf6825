import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from "@playwright/test";
import { expect } from "@playwright/test";
import * as check from "../../support/check";
import { PEOPLE, type Person, signIn } from "../../support/fixtures";
import { newDataDir, removeDataDir, startServer, type TestServer } from "../../support/server";
import { auditHead, describeEvent, expectChainVerifies, expectWholeChainVerifies, type ListedEvent, type RequestSpan, spansOf } from "../../support/audit-head";
import { type Answer, countingRequests, type HttpClient, noteRequest, requestsSent } from "../../support/http";
import { LEAK_PATTERNS } from "./attack-corpus";

/**
 * The attack specs' own production server: its own data folder (so blobs/tmp and tus can be
 * inspected), the worker off (so the audit log moves only when a request moves it), a 1 MiB
 * evidence limit (so 413 is reached with real bytes), and its stderr watched for errors the app
 * did not expect (a 500 of the API, or a server action's "something went wrong").
 */
export type AttackServer = TestServer & {
  api: APIRequestContext;
  /** The same server for `fetchAnswer`: the attempts and the audit reads, thousands a spec. */
  http: HttpClient;
  token: (person: Person) => string;
  auth: (person: Person) => Record<string, string>;
  /** Lines the server logged as unexpected since the last `takeUnexpected()`. */
  takeUnexpected: () => string[];
  /** Stops the server; first, when a test checked its chain (`expectServerSound`), the server's verifier walks the whole chain. */
  close: () => Promise<void>;
};

export const EVIDENCE_MAX_BYTES = 1024 * 1024;
/** Per request: an attack must be answered, not hang. */
export const REQUEST_TIMEOUT = 20_000;

export async function startAttackServer(playwright: PlaywrightWorkerArgs["playwright"], env: Record<string, string> = {}): Promise<AttackServer> {
  const dataDir = newDataDir();
  // Up to 3 minutes to come up: on a shared 2-core machine under load, migrating and seeding can take 90 s.
  const server = await startServer(dataDir, { WORKER: "off", EVIDENCE_MAX_BYTES: String(EVIDENCE_MAX_BYTES), ...env }, 180_000);
  let unexpected: string[] = [];
  let pending = "";
  server.child.stderr!.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (/unexpected error|Something went wrong|\b(Unhandled|uncaught)\b|⨯/i.test(line)) unexpected.push(line.slice(0, 500));
  });
  const api = countingRequests(await playwright.request.newContext({ baseURL: server.base, timeout: REQUEST_TIMEOUT }), server.base);
  const token = (person: Person) => server.tokens[PEOPLE[person].email];
  const http: HttpClient = { base: server.base, timeout: REQUEST_TIMEOUT };
  const auth = (person: Person) => ({ Authorization: `Bearer ${token(person)}` });
  let attackServer: AttackServer;
  return (attackServer = {
    ...server,
    api,
    http,
    token,
    auth,
    takeUnexpected: () => {
      const out = unexpected;
      unexpected = [];
      return out;
    },
    close: async () => {
      try {
        if (chainChecked.has(attackServer)) await expectWholeChainVerifies(http, auth("admin"));
      } finally {
        await api.dispose().catch(() => {});
        await server.stop().catch(() => {});
        removeDataDir(dataDir);
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The state a refused request must leave as it was.

export type Snapshot = { events: number; head: string; tmp: string[]; tus: string[]; blobs: number };

/** A folder's names, sorted; none when it is not there (one call: thousands of snapshots are taken). */
function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function countBlobs(root: string): number {
  let n = 0;
  for (const a of listDir(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of listDir(path.join(root, a))) n += listDir(path.join(root, a, b)).length;
  }
  return n;
}

const lastAudit = new WeakMap<AttackServer, { events: number; head: string; sent: number }>();

/**
 * Refused attempts whose "no audit event appended" waits for the next read of the head
 * (`expectNothingWritten`): the head read before the first of them, how many requests had been
 * sent then, and each attempt with the span of time its request took. While every request sent
 * since is one of these attempts, one read settles them all: the log is only ever appended to, so
 * a head still the same is no event from any of them. An event that did appear carries the time
 * the server wrote it (the same clock: the server runs on this machine), which falls in the span of
 * the attempt that wrote it, and the failure names that attempt.
 */
type Unsettled = { events: number; head: string; sent: number; attempts: RequestSpan[] };
const unsettled = new WeakMap<AttackServer, Unsettled>();

/** Whether the requests sent since `open` began are its attempts and nothing else. */
const onlyAttemptsSince = (server: AttackServer, open: Unsettled) => requestsSent(server.base) === open.sent + open.attempts.length;

function settle(open: Unsettled, after: { events: number; head: string }, appended: ListedEvent[], onlyAttempts: boolean) {
  if (after.head === open.head) return;
  const blamed = appended.map((event) => {
    const by = spansOf(event, open.attempts).map((a) => a.what);
    return `${describeEvent(event)}, ${by.length ? `during ${by.join(" or ")}` : "during none of the refused attempts"}`;
  });
  const named = [...new Set(appended.flatMap((event) => spansOf(event, open.attempts).map((a) => a.what)))];
  // An event in no attempt's span was written between them (by a request that failed its test before being counted here, say): the last few attempts give the place.
  const around = open.attempts.slice(-3).map((a) => a.what);
  throw new Error(
    `${named.length ? named.join(", ") : `refused attempts up to ${around.join(", ")}, or a request between them`}: no audit event appended\n\n` +
      `Expected: head ${open.head} (${open.events} events)\nReceived: head ${after.head} (${after.events} events)\n${blamed.join("\n")}` +
      (onlyAttempts ? "" : "\n(a request other than the refused attempts was sent before this read)"),
  );
}

/**
 * The state a refused request must leave as it was. `reuse`: the audit head read for the last
 * snapshot stands when this process has sent the server no request since (most attempts are
 * prepared without one), which spares a third of an attack's requests. A head read too early can
 * only make a check fail, never pass: events are only ever appended, so a write the reuse missed
 * shows as a difference. The folders are always looked at afresh.
 */
export async function snapshot(server: AttackServer, { reuse = false } = {}): Promise<Snapshot> {
  let audit = lastAudit.get(server);
  const open = unsettled.get(server);
  if (reuse && open && onlyAttemptsSince(server, open)) audit = { events: open.events, head: open.head, sent: requestsSent(server.base) };
  else if (!reuse || open || !audit || audit.sent !== requestsSent(server.base)) {
    const onlyAttempts = open ? onlyAttemptsSince(server, open) : true;
    const appended: ListedEvent[] = [];
    const head = await auditHead(server.http, server.auth("admin"), (event) => appended.push(event));
    audit = { events: head.seq, head: head.hash, sent: requestsSent(server.base) };
    lastAudit.set(server, audit);
    if (open) {
      unsettled.delete(server);
      settle(open, audit, appended, onlyAttempts);
    }
  }
  return {
    events: audit.events,
    head: audit.head,
    tmp: listDir(path.join(server.dataDir, "blobs", "tmp")),
    tus: listDir(path.join(server.dataDir, "tus")),
    blobs: countBlobs(path.join(server.dataDir, "blobs")),
  };
}

const chainChecked = new WeakSet<AttackServer>();

/**
 * After each test: the server logged no unexpected error, and the audit chain verifies up to its
 * head: the events written since the last check are read, linked and hashed (`expectChainVerifies`),
 * so each test costs what it wrote, not the whole log. The server's own verifier walks the whole
 * stored chain once, as the server is closed (`close`).
 */
export async function expectServerSound(server: AttackServer) {
  await settleRefused(server);
  expect(server.takeUnexpected(), "the server logged no unexpected error").toEqual([]);
  chainChecked.add(server);
  await expectChainVerifies(server.http, server.auth("admin"));
}

/** Nothing written: the audit head (every mutation appends to it in its own transaction), no temp file, no blob, no tus upload. */
export async function expectUnchanged(server: AttackServer, before: Snapshot, what: string) {
  await expectFilesUnchanged(server, before, what);
  const after = await snapshot(server);
  check.equal(after.events, before.events, `${what}: no audit event appended`);
  check.equal(after.head, before.head, `${what}: audit head unchanged`);
}

/** No temp file, no blob, no tus upload left by the attempt. */
async function expectFilesUnchanged(server: AttackServer, before: Snapshot, what: string) {
  // A temp file is removed as the request fails; give the file system a moment (polled only when
  // the first look finds one: nearly always it is gone already).
  const tmp = path.join(server.dataDir, "blobs", "tmp");
  if (!isDeepStrictEqual(listDir(tmp), before.tmp)) await expect.poll(() => listDir(tmp), { message: `${what}: no temp file left`, timeout: 5_000 }).toEqual(before.tmp);
  check.equal(countBlobs(path.join(server.dataDir, "blobs")), before.blobs, `${what}: no blob stored`);
  check.equal(listDir(path.join(server.dataDir, "tus")), before.tus, `${what}: no tus upload left`);
}

/**
 * `expectUnchanged` for one refused attempt, its one request sent at `sentAt` and answered: the
 * files are looked at now, and the audit head at the next read, which settles every attempt since
 * the last (`Unsettled`): a run of refused attempts costs one request each, not two. Whatever may
 * write must `settleRefused` first, or its own event would be taken for an attempt's.
 */
export async function expectNothingWritten(server: AttackServer, before: Snapshot, what: string, sentAt: number) {
  const attempt = { what, from: sentAt, to: Date.now() };
  await expectFilesUnchanged(server, before, what);
  const open = unsettled.get(server);
  const last = lastAudit.get(server);
  if (open && open.head === before.head) open.attempts.push(attempt);
  else if (!open && last && last.head === before.head) unsettled.set(server, { events: last.events, head: last.head, sent: last.sent, attempts: [attempt] });
  else return expectUnchanged(server, before, what);
  // A request besides the attempt's own (a redirect followed, a retry) would not be one of the run's.
  if (!onlyAttemptsSince(server, unsettled.get(server)!)) await settleRefused(server);
}

/** Reads the audit head now when refused attempts await it (`expectNothingWritten`): before anything that may write. */
export async function settleRefused(server: AttackServer) {
  if (unsettled.has(server)) await snapshot(server);
}

// ---------------------------------------------------------------------------------------------
// Answers.

export type { Answer };

export async function answerOf(response: APIResponse): Promise<Answer> {
  return { status: response.status(), headers: response.headers(), text: await response.text() };
}

export type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]>; guard?: string } };

/** No stack trace, SQL or server path anywhere in an answer. */
export function expectNoLeak(text: string, what: string, patterns: RegExp[] = LEAK_PATTERNS) {
  for (const pattern of patterns) check.noMatch(text, pattern, `${what}: the answer leaks ${pattern}`);
}

/**
 * A refusal: a 4xx (one of `statuses` when given) in the design's error shape, with a message and
 * no leak; with `field`, the field errors name it (or a path inside it).
 */
export function expectRefusal(answer: Answer, what: string, { statuses, field }: { statuses?: number[]; field?: string } = {}): ErrorBody {
  check.atLeast(answer.status, 400, `${what}: ${answer.text.slice(0, 300)}`);
  check.below(answer.status, 500, `${what}: ${answer.text.slice(0, 300)}`);
  if (statuses) check.oneOf(answer.status, statuses, `${what}: status ${answer.status} (${answer.text.slice(0, 300)})`);
  let body: ErrorBody;
  try {
    body = JSON.parse(answer.text) as ErrorBody;
  } catch {
    throw new Error(`${what}: the ${answer.status} answer is not JSON: ${JSON.stringify(answer.text.slice(0, 200))}`);
  }
  check.ok(body.error, `${what}: the design's error shape`);
  check.equal(typeof body.error.code, "string", `${what}: error code`);
  check.equal(typeof body.error.message, "string", `${what}: error message`);
  check.above(body.error.message.length, 0, `${what}: a message`);
  check.below(body.error.message.length, 2000, `${what}: a message, not a dump`);
  expectNoLeak(answer.text, what);
  if (field !== undefined) {
    const keys = Object.keys(body.error.fieldErrors ?? {});
    const named = keys.some((k) => k === field || k.startsWith(`${field}.`) || (field !== "" && field.startsWith(`${k}.`)));
    check.ok(named, `${what}: the field errors name "${field}" (got ${JSON.stringify(keys)}: ${answer.text.slice(0, 300)})`);
  }
  return body;
}

/** Never a 5xx; a 4xx is in the error shape. */
export function expectNoServerError(answer: Answer, what: string) {
  check.below(answer.status, 500, `${what}: ${answer.text.slice(0, 300)}`);
  if (answer.status >= 400) expectRefusal(answer, what);
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP, for what an API client library will not send: chunked bodies, bodies cut short,
// headers it would refuse.

export type RawRequest = {
  method: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Written in order; with "Transfer-Encoding: chunked" each one is sent as a chunk. */
  chunks?: (Buffer | string)[];
  /** Stop writing (and wait for the answer) after this many chunks; the rest of the body never comes. */
  endAfter?: number;
  timeout?: number;
};

/**
 * One request over a plain socket, written byte for byte as given (the path too: percent-encodings
 * and dot segments are not normalised), and the answer read whatever the server does with the
 * connection: an HTTP client library loses an early answer (a 413, a 400) when the server closes
 * while the body is still being written, and reports ECONNRESET instead.
 */
export function rawRequest(base: string, request: RawRequest): Promise<Answer> {
  noteRequest(base);
  const url = new URL(base);
  const headers = { Host: url.host, ...request.headers, Connection: "close" } as Record<string, string | number>;
  const chunked = Object.entries(headers).some(([k, v]) => k.toLowerCase() === "transfer-encoding" && String(v).toLowerCase() === "chunked");
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`;
  const chunks = (request.chunks ?? []).map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(c)));
  const frames = chunked ? chunks.map((c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from("\r\n")])) : chunks;
  const count = request.endAfter ?? frames.length;
  if (chunked && request.endAfter === undefined) frames.push(Buffer.from("0\r\n\r\n"));
  return new Promise<Answer>((resolve, reject) => {
    const received: Buffer[] = [];
    let finished = false;
    const socket = net.connect(Number(url.port), url.hostname);
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(received);
      const split = all.indexOf("\r\n\r\n");
      if (split < 0) {
        reject(new Error(`no answer to ${request.method} ${request.path.slice(0, 120)} (${all.length} bytes: ${JSON.stringify(all.subarray(0, 100).toString("latin1"))})`));
        return;
      }
      const [statusLine, ...lines] = all.subarray(0, split).toString("latin1").split("\r\n");
      const answerHeaders: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        const name = line.slice(0, i).trim().toLowerCase();
        answerHeaders[name] = answerHeaders[name] ? `${answerHeaders[name]}, ${line.slice(i + 1).trim()}` : line.slice(i + 1).trim();
      }
      let body = all.subarray(split + 4);
      if (/chunked/i.test(answerHeaders["transfer-encoding"] ?? "")) {
        const parts: Buffer[] = [];
        let at = 0;
        for (;;) {
          const eol = body.indexOf("\r\n", at);
          if (eol < 0) break;
          const size = Number.parseInt(body.subarray(at, eol).toString("latin1"), 16);
          if (!size) break;
          parts.push(body.subarray(eol + 2, eol + 2 + size));
          at = eol + 2 + size + 2;
        }
        body = Buffer.concat(parts);
      } else if (answerHeaders["content-length"]) body = body.subarray(0, Number(answerHeaders["content-length"]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers: answerHeaders, text: body.toString("utf8") });
    };
    const timer = setTimeout(() => {
      if (received.length) finish();
      else {
        finished = true;
        socket.destroy();
        reject(new Error(`no answer to ${request.method} ${request.path.slice(0, 120)} within ${request.timeout ?? REQUEST_TIMEOUT} ms`));
      }
    }, request.timeout ?? REQUEST_TIMEOUT);
    socket.on("data", (c: Buffer) => received.push(c));
    socket.on("end", finish);
    socket.on("close", finish);
    // A write into a connection the server already closed: its answer, if it gave one, is what counts.
    socket.on("error", () => {});
    socket.on("connect", async () => {
      socket.write(head);
      for (const frame of frames.slice(0, count)) {
        // An early answer (a 413 midway) ends the writing, as HTTP asks of a client that sends a
        // body (RFC 9112, section 9.5): bytes written after it reach a closed socket, whose reset
        // can reach this side before the answer is read, and the answer is lost.
        if (socket.destroyed || finished || received.length) return;
        if (!socket.write(frame)) await new Promise<void>((r) => (socket.once("drain", r), socket.once("close", r)));
      }
      if (chunked && request.endAfter === undefined && frames.length > count) socket.write(frames[frames.length - 1]);
    });
  });
}

/** A request context with `person`'s session cookie, signed in through Auth.js's own endpoints. */
export async function signedInRequest(playwright: PlaywrightWorkerArgs["playwright"], server: AttackServer, person: Person): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL: server.base, timeout: REQUEST_TIMEOUT });
  await signIn(context, PEOPLE[person].email);
  return context;
}

/** What the error boundary (each part's error.tsx: components/layout/error-view.tsx) shows: a page that failed to render. */
export const ERROR_PAGE = /<h1[^>]*>Something went wrong<\/h1>/;

// ---------------------------------------------------------------------------------------------
// Bodies.

/** `base` with `value` at a dotted path ("changes.title", "names.0", "names.0.name"). */
export function withValue(base: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = dotted.split(".");
  let node: Record<string, unknown> | unknown[] = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    const next = (node as Record<string, unknown>)[key];
    const fresh = /^\d+$/.test(keys[i + 1]) ? [] : {};
    const child = next && typeof next === "object" ? next : fresh;
    (node as Record<string, unknown>)[key] = child;
    node = child as Record<string, unknown>;
  }
  (node as Record<string, unknown>)[keys[keys.length - 1]] = value;
  return copy;
}

/** A JSON string literal's inside: how a value appears in a JSON answer. */
export function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

// ---------------------------------------------------------------------------------------------
// tus, over the raw socket (so an early refusal is read even while a body is still owed).

export const TUS = { "Tus-Resumable": "1.0.0" };
export const TUS_OCTET = { ...TUS, "Content-Type": "application/offset+octet-stream" };

/** tus's Upload-Metadata: `key base64(value)` pairs. */
export function tusMetadata(fields: Record<string, string>): string {
  return Object.entries(fields).map(([k, v]) => `${k} ${Buffer.from(v, "utf8").toString("base64")}`).join(",");
}

/** One tus request as `person` (none: no credentials); Content-Length is the body's (0 for a PATCH or POST without one) unless `headers` say otherwise. */
export function tusRequest(server: AttackServer, method: string, target: string, headers: Record<string, string | number>, body?: Buffer | string, person: Person | null = "reviewer"): Promise<Answer> {
  const length: Record<string, number> = body !== undefined ? { "Content-Length": Buffer.byteLength(body) } : method === "PATCH" || method === "POST" ? { "Content-Length": 0 } : {};
  return rawRequest(server.base, {
    method,
    path: target,
    headers: { ...(person ? server.auth(person) : {}), ...length, ...headers },
    chunks: body !== undefined ? [body] : [],
  });
}
