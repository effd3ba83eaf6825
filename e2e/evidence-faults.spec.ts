import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { bearer, expectError, getEvidence, listEvidence, openClaim } from "./support/evidence-api";
import { expect, test } from "./support/fixtures";
import { sha256 } from "./support/media";
import { newDataDir, removeDataDir, startServer, type TestServer } from "./support/server";

/**
 * Crash safety: a server killed (SIGKILL, the whole process tree) in the middle of a large upload
 * leaves no evidence row and no visible blob; the temp file is swept when a server starts again on
 * the same data folder, and the audit chain is intact. An unfinished tus upload survives the crash.
 */

const SIZE = 200 * 1024 * 1024;
const SENT_BEFORE_KILL = 80 * 1024 * 1024;
const TUS = { "Tus-Resumable": "1.0.0" };
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

function makeLargeFile(): string {
  const file = path.join(os.tmpdir(), `corroborate-e2e-crash-${process.pid}.bin`);
  const fd = fs.openSync(file, "w");
  // An MP4 header, then noise: an accepted type, were it ever finished.
  fs.writeSync(fd, Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex"));
  const block = randomBytes(4 * 1024 * 1024);
  let written = 24;
  while (written < SIZE) written += fs.writeSync(fd, block, 0, Math.min(block.length, SIZE - written));
  fs.closeSync(fd);
  return file;
}

function partFiles(dataDir: string): { name: string; size: number }[] {
  const dir = path.join(dataDir, "blobs", "tmp");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".part"))
    .map((name) => ({ name, size: fs.statSync(path.join(dir, name)).size }));
}

/** Every file in the content-addressed store: blobs/ab/cd/<sha256>. */
function storedBlobs(dataDir: string): string[] {
  const root = path.join(dataDir, "blobs");
  const out: string[] = [];
  for (const a of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const name of fs.readdirSync(path.join(root, a, b))) out.push(path.join(root, a, b, name));
    }
  }
  return out;
}

function head(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(bytes);
  const n = fs.readSync(fd, buffer, 0, bytes, 0);
  fs.closeSync(fd);
  return buffer.subarray(0, n);
}

/**
 * A streamed multipart POST of `file` that sends only its first `limit` bytes and then waits
 * (as a slow client would) — the server is killed meanwhile. Resolves when the request ends.
 */
function startPartialUpload(base: string, token: string, claimId: string, file: string, limit: number) {
  const boundary = `----corroborate-crash-${Date.now()}`;
  const partHead = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="perpetrators.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let sent = 0;
  let response: number | null = null;
  const request = http.request(new URL(`/api/v1/claims/${claimId}/evidence`, base), {
    method: "POST",
    headers: {
      ...bearer(token),
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      "Content-Length": partHead.length + SIZE + tail.length,
    },
  });
  const ended = new Promise<string>((resolve) => {
    request.on("response", (res) => {
      response = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => resolve(`answered ${response}`));
      res.on("error", (e) => resolve(e.message));
    });
    request.on("error", (e) => resolve(e.message));
  });
  const sending = (async () => {
    request.write(partHead);
    const fd = fs.openSync(file, "r");
    const chunk = Buffer.alloc(1024 * 1024);
    try {
      while (sent < limit && !request.destroyed) {
        const n = fs.readSync(fd, chunk, 0, chunk.length, sent);
        sent += n;
        if (!request.write(Buffer.from(chunk.subarray(0, n)))) {
          await new Promise<void>((resolve) => {
            const done = () => {
              request.off("drain", done);
              request.off("close", done);
              resolve();
            };
            request.on("drain", done);
            request.on("close", done);
          });
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  })();
  return { ended, sending, sent: () => sent, response: () => response };
}

/** How many evidence.added audit events name this claim, over the whole log. */
async function evidenceAddedFor(api: APIRequestContext, token: string, claimId: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const response = await api.get(`/api/v1/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: bearer(token) });
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: { type: string; data: { claimId?: string } }[]; nextCursor: string | null };
    n += page.items.filter((e) => e.type === "evidence.added" && e.data.claimId === claimId).length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

test("a server killed mid-upload leaves no row and no blob; a restart sweeps the temp file", async ({ playwright }) => {
  test.setTimeout(150_000);
  const dataDir = newDataDir();
  const file = makeLargeFile();
  const servers: TestServer[] = [];
  try {
    // Without EVIDENCE_FETCH_ALLOWLIST: loopback is refused like every inward address.
    const first = await startServer(dataDir);
    servers.push(first);
    let api = await playwright.request.newContext({ baseURL: first.base });
    let submitter = first.tokens["submitter@demo.test"];
    const claimId = await openClaim(api, submitter, "E2E crash during upload", { accept: false });
    const refused = await expectError(
      await api.post(`/api/v1/claims/${claimId}/evidence`, { headers: bearer(submitter), data: { url: "http://127.0.0.1:9/" } }),
      422,
    );
    expect(refused.error.guard).toBe("address");

    // An unfinished resumable upload, to check it survives the crash.
    const notes = Buffer.from("Witness notes, line one.\n".repeat(4096));
    const created = await api.post("/api/v1/uploads", {
      headers: { ...bearer(submitter), ...TUS, "Upload-Length": String(notes.length), "Upload-Metadata": `claimId ${b64(claimId)},filename ${b64("notes.txt")}` },
    });
    expect(created.status()).toBe(201);
    const tusPath = new URL(created.headers()["location"], first.base).pathname;
    const half = notes.length / 2;
    const patched = await api.patch(tusPath, {
      headers: { ...bearer(submitter), ...TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0" },
      data: notes.subarray(0, half),
    });
    expect(patched.status()).toBe(204);
    expect(await listEvidence(api, submitter, claimId)).toEqual([]);
    await api.dispose();

    // 80 MB of 200 MB arrive, streamed to a temp file; then the whole server dies.
    const upload = startPartialUpload(first.base, submitter, claimId, file, SENT_BEFORE_KILL);
    await upload.sending;
    await expect
      .poll(() => partFiles(dataDir).reduce((n, p) => n + p.size, 0), { timeout: 30_000, message: "the upload is being written to blobs/tmp" })
      .toBeGreaterThan(32 * 1024 * 1024);
    expect(upload.response(), "no answer before the body is complete").toBeNull();
    const leftover = partFiles(dataDir);
    expect(leftover).toHaveLength(1);
    await first.kill();
    expect(await upload.ended).not.toMatch(/^answered/);
    // The crash left the temp file behind (nothing ran to remove it)...
    expect(partFiles(dataDir).map((p) => p.name)).toEqual(leftover.map((p) => p.name));

    // ...and a new server on the same data folder sweeps it at boot.
    const second = await startServer(dataDir);
    servers.push(second);
    api = await playwright.request.newContext({ baseURL: second.base });
    submitter = second.tokens["submitter@demo.test"];
    const reviewer = second.tokens["reviewer@demo.test"];
    expect(second.child.pid).not.toBe(first.child.pid); // a new server, on the same folder and tokens

    const claim = await api.get(`/api/v1/claims/${claimId}`, { headers: bearer(submitter) });
    expect(claim.status()).toBe(200);
    expect(await listEvidence(api, submitter, claimId)).toEqual([]);
    expect(await listEvidence(api, reviewer, claimId)).toEqual([]);
    await expect.poll(() => partFiles(dataDir), { timeout: 10_000, message: "temp files swept at start" }).toEqual([]);
    const start = head(file, 64 * 1024);
    for (const blob of storedBlobs(dataDir)) {
      expect(head(blob, start.length).equals(start), `${blob} holds the interrupted upload`).toBe(false);
      expect(fs.statSync(blob).size).toBeLessThan(SENT_BEFORE_KILL / 2);
    }
    const verify = await api.get("/api/v1/audit/verify", { headers: bearer(reviewer) });
    expect(verify.status()).toBe(200);
    const chain = (await verify.json()) as { ok: boolean; events: number; head: string; firstBroken: string | null };
    expect(chain).toMatchObject({ ok: true, firstBroken: null });
    expect(chain.events).toBeGreaterThan(0);
    expect(await evidenceAddedFor(api, reviewer, claimId)).toBe(0);

    // The resumable upload begun before the crash continues where it stopped.
    const offset = await api.head(tusPath, { headers: { ...bearer(submitter), ...TUS } });
    expect(offset.status()).toBe(200);
    expect(Number(offset.headers()["upload-offset"])).toBe(half);
    const finished = await api.patch(tusPath, {
      headers: { ...bearer(submitter), ...TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(half) },
      data: notes.subarray(half),
    });
    expect(finished.status(), await finished.text()).toBe(204);
    const item = await getEvidence(api, submitter, finished.headers()["evidence-id"]);
    expect(item).toMatchObject({ sha256: sha256(notes), size: notes.length, intake: "resumable", claimId });
    expect(fs.readFileSync(path.join(dataDir, "blobs", item.sha256!.slice(0, 2), item.sha256!.slice(2, 4), item.sha256!)).equals(notes)).toBe(true);
    expect((await listEvidence(api, submitter, claimId)).map((e) => e.id)).toEqual([item.id]);
    expect(await evidenceAddedFor(api, reviewer, claimId)).toBe(1);
    await api.dispose();
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => {});
    fs.rmSync(file, { force: true });
    removeDataDir(dataDir);
  }
});
