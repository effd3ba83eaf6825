import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "../support/server";
import { bigString, FILENAMES, MARKUP, SQL, UNSTORABLE } from "./support/attack-corpus";
import {
  type Answer,
  answerOf,
  type AttackServer,
  EVIDENCE_MAX_BYTES,
  expectNoServerError,
  expectRefusal,
  expectServerSound,
  expectUnchanged,
  rawRequest,
  snapshot,
  startAttackServer,
  TUS,
  tusMetadata,
  tusRequest,
} from "./support/attack-harness";
import { makeWorld, submitClaim, transition, unique, type World } from "./support/attack-world";
import * as check from "../support/check";

/**
 * The attack corpus through the two upload doors (issue 8): multipart POST to
 * /api/v1/claims/{id}/evidence and tus resumable uploads at /api/v1/uploads. Malformed bodies,
 * two files, huge part headers, sizes over the limit, wrong content types, hostile filenames
 * (header injection, traversal, NUL, bidi, very long) and malformed tus requests (bad offsets and
 * lengths, wrong content type, no upload, a checksum that does not match). Every refusal is a 4xx
 * in the design's error shape and leaves nothing: no evidence, no blob, no temp file, no tus upload.
 */

test.describe.configure({ timeout: 180_000 });

let server: AttackServer;
let world: World;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  server = await startAttackServer(playwright);
  world = await makeWorld(server);
});

test.afterAll(async () => {
  await server?.close();
});

test.afterEach(async () => {
  await expectServerSound(server);
});

const evidenceUrl = () => `/api/v1/claims/${world.open.id}/evidence`;
const CRLF = "\r\n";

/** Unique plain text, so no two uploads are the same blob. */
function text(label = "notes"): Buffer {
  return Buffer.from(`${label}: ${unique("bytes")} ${randomBytes(8).toString("hex")}\n`);
}

/** A multipart body by hand: parts as written, then the closing boundary unless `close` is false. */
function multipart(boundary: string, parts: { headers: string[]; body: Buffer | string }[], { close = true, lineEnd = CRLF } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}${lineEnd}${part.headers.join(lineEnd)}${lineEnd}${lineEnd}`));
    chunks.push(Buffer.isBuffer(part.body) ? part.body : Buffer.from(part.body));
    chunks.push(Buffer.from(lineEnd));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--${lineEnd}`));
  return Buffer.concat(chunks);
}

const filePart = (body: Buffer | string, filename = "notes.txt", name = "file") => ({
  headers: [`Content-Disposition: form-data; name="${name}"; filename="${filename}"`, "Content-Type: text/plain"],
  body,
});
const fieldPart = (name: string, value: string) => ({ headers: [`Content-Disposition: form-data; name="${name}"`], body: value });

async function postRaw(body: Buffer, contentType: string | null, person: "reviewer" | "submitter" = "reviewer"): Promise<Answer> {
  return rawRequest(server.base, {
    method: "POST",
    path: evidenceUrl(),
    headers: { ...server.auth(person), ...(contentType ? { "Content-Type": contentType } : {}), "Content-Length": body.length },
    chunks: [body],
  });
}

/** A refused upload: 4xx in the error shape (one of `statuses`), and nothing stored. */
async function refusedUpload(what: string, send: () => Promise<Answer>, statuses: number[], field?: string) {
  const before = await snapshot(server);
  const answer = await send();
  expectRefusal(answer, what, { statuses, field });
  await expectUnchanged(server, before, what);
  return answer;
}

/** Accepted or refused, never a 5xx; refused means nothing stored. */
async function eitherUpload(what: string, send: () => Promise<Answer>) {
  const before = await snapshot(server);
  const answer = await send();
  expectNoServerError(answer, what);
  if (answer.status >= 400) await expectUnchanged(server, before, what);
  return answer;
}

/** Every file under the data folder that is not the database, a blob, the tus store or the server's own. */
function strayFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel = "") => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = path.join(rel, entry.name);
      if (["pglite", "blobs", "tus"].includes(r)) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), r);
      else out.push(r);
    }
  };
  walk(server.dataDir);
  return out.sort();
}

/** A download's headers: an attachment, named in printable ASCII, nothing injected. */
async function expectSafeDownload(evidenceId: string, what: string) {
  const response = await server.api.get(`/api/v1/evidence/${evidenceId}/content`, { headers: server.auth("reviewer") });
  check.equal(response.status(), 200, what);
  const headers = response.headersArray();
  for (const h of headers) {
    check.noMatch(h.name, /x-injected/i, `${what}: header names`);
    check.noMatch(h.value, /[\r\n]/, `${what}: ${h.name} holds no line break`);
  }
  check.equal(headers.some((h) => h.name.toLowerCase() === "set-cookie"), false, `${what}: no cookie set by a filename`);
  const all = response.headers();
  check.equal(all["content-type"], "application/octet-stream", what);
  check.equal(all["x-content-type-options"], "nosniff", what);
  check.matches(all["content-security-policy"], /sandbox/, what);
  const disposition = all["content-disposition"];
  check.matches(disposition, /^attachment; filename="[\x20-\x7E]*"; filename\*=UTF-8''[\x21-\x7E]*$/, what);
  const quoted = /filename="([^"]*)"/.exec(disposition)![1];
  check.noMatch(quoted, /[\\/]/, `${what}: no path in the download name`);
  check.noMatch(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)![1]), /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/, `${what}: no control or bidi character`);
}

test.describe("attack corpus: multipart uploads", () => {
  test("malformed multipart: no boundary, wrong boundary, truncated, no file part, empty file, LF line ends: 400", async () => {
    const b = `----attack${Date.now()}`;
    const cases: [string, Buffer, string, number[], string?][] = [
      ["no boundary", multipart(b, [filePart(text())]), "multipart/form-data", [400]],
      ["boundary mismatch", multipart(b, [filePart(text())]), "multipart/form-data; boundary=other", [400]],
      ["not multipart at all", Buffer.from("just some text\r\n"), `multipart/form-data; boundary=${b}`, [400]],
      ["truncated part", multipart(b, [filePart(text())], { close: false }).subarray(0, 150), `multipart/form-data; boundary=${b}`, [400]],
      ["truncated before the closing boundary", multipart(b, [filePart(text())], { close: false }), `multipart/form-data; boundary=${b}`, [400]],
      ["no Content-Disposition", multipart(b, [{ headers: ["Content-Type: text/plain"], body: text() }]), `multipart/form-data; boundary=${b}`, [400], "file"],
      ["a file part of another name", multipart(b, [filePart(text(), "notes.txt", "upload")]), `multipart/form-data; boundary=${b}`, [400], "file"],
      ["file as a plain field (no filename)", multipart(b, [fieldPart("file", "not a file")]), `multipart/form-data; boundary=${b}`, [400], "file"],
      ["empty file", multipart(b, [filePart(Buffer.alloc(0))]), `multipart/form-data; boundary=${b}`, [400], "file"],
      ["LF-only line ends", multipart(b, [filePart(text())], { lineEnd: "\n" }), `multipart/form-data; boundary=${b}`, [400]],
      ["empty body", Buffer.alloc(0), `multipart/form-data; boundary=${b}`, [400]],
      ["boundary with quotes and spaces", multipart("a b", [filePart(text())]), 'multipart/form-data; boundary="a b', [400]],
      ["nested multipart/mixed", multipart(b, [{ headers: ['Content-Disposition: form-data; name="file"', "Content-Type: multipart/mixed; boundary=inner"], body: multipart("inner", [filePart(text())]) }]), `multipart/form-data; boundary=${b}`, [400], "file"],
    ];
    for (const [what, body, type, statuses, field] of cases) await refusedUpload(`multipart ${what}`, () => postRaw(body, type), statuses, field);
  });

  test("two files in one request: refused, and neither stored", async () => {
    const b = `----attack${Date.now()}`;
    const one = text("first");
    const two = text("second");
    await refusedUpload("two file parts named file", () => postRaw(multipart(b, [filePart(one, "one.txt"), filePart(two, "two.txt")]), `multipart/form-data; boundary=${b}`), [400]);
    await refusedUpload("a file, then a file of another name", () => postRaw(multipart(b, [filePart(one, "one.txt"), filePart(two, "two.txt", "other")]), `multipart/form-data; boundary=${b}`), [400]);
    await refusedUpload("another file first, then the file", () => postRaw(multipart(b, [filePart(two, "two.txt", "other"), filePart(one, "one.txt")]), `multipart/form-data; boundary=${b}`), [400]);
  });

  test("huge part headers and many parts: refused, never a 5xx or a hang", async () => {
    const b = `----attack${Date.now()}`;
    const long = (n: number) => ({ headers: [`Content-Disposition: form-data; name="file"; filename="${"h".repeat(n)}.txt"`, "Content-Type: text/plain"], body: text() });
    await eitherUpload("a 20 KB part header", () => postRaw(multipart(b, [long(20 * 1024)]), `multipart/form-data; boundary=${b}`));
    await eitherUpload("a 200 KB part header", () => postRaw(multipart(b, [long(200 * 1024)]), `multipart/form-data; boundary=${b}`));
    const manyHeaders = { headers: [...Array.from({ length: 3000 }, (_, i) => `X-Header-${i}: ${i}`), 'Content-Disposition: form-data; name="file"; filename="a.txt"'], body: text() };
    await eitherUpload("3,000 header lines in a part", () => postRaw(multipart(b, [manyHeaders]), `multipart/form-data; boundary=${b}`));
    const manyFields = Array.from({ length: 500 }, (_, i) => fieldPart(`f${i}`, "x"));
    await eitherUpload("500 text fields, then the file", () => postRaw(multipart(b, [...manyFields, filePart(text())]), `multipart/form-data; boundary=${b}`));
    await eitherUpload("a 100 KB text field", () => postRaw(multipart(b, [fieldPart("publishedBySourceId", bigString(100 * 1024)), filePart(text())]), `multipart/form-data; boundary=${b}`));
    await eitherUpload("a 200-character boundary", () => postRaw(multipart("b".repeat(200), [filePart(text())]), `multipart/form-data; boundary=${"b".repeat(200)}`));
  });

  test("provenance fields carrying markup, SQL, NUL, wrong types, prototype names: 400 naming the field, or ignored", async () => {
    const b = `----attack${Date.now()}`;
    for (const field of ["publishedBySourceId", "obtainedViaSourceId", "isFirstHand"]) {
      for (const p of [...MARKUP.slice(0, 3), ...SQL.slice(0, 3), ...UNSTORABLE.slice(0, 2), { id: "nil UUID", value: "00000000-0000-0000-0000-000000000000" }, { id: "maybe", value: "maybe" }]) {
        if (field === "isFirstHand" && p.id === "nil UUID") continue;
        await refusedUpload(`${field} ← ${p.id}`, () => postRaw(multipart(b, [fieldPart(field, p.value), filePart(text())]), `multipart/form-data; boundary=${b}`), [400], field);
      }
    }
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const answer = await eitherUpload(`a field named ${name}`, () => postRaw(multipart(b, [fieldPart(name, '{"isAdmin":true}'), filePart(text())]), `multipart/form-data; boundary=${b}`));
      check.equal(answer.status, 201, `a field named ${name} is ignored: ${answer.text.slice(0, 200)}`);
    }
  });

  test("hostile filenames (header injection, traversal, NUL, bidi, very long): metadata only, downloads stay one safe header", async () => {
    const stray = strayFiles();
    for (const f of FILENAMES) {
      // A NUL (or a raw line break, should a client send one) in a part header makes the header
      // malformed: refused whole. Anything else is kept as metadata.
      const answer = await eitherUpload(`filename ${f.id}`, async () =>
        answerOf(await server.api.post(evidenceUrl(), { headers: server.auth("reviewer"), multipart: { file: { name: f.value, mimeType: "text/plain", buffer: text(f.id) } } })),
      );
      if (answer.status !== 201) {
        check.ok(/[\u0000\r\n]/.test(f.value), `filename ${f.id}: refused (${answer.status}), though a header can carry it`);
        continue;
      }
      const item = JSON.parse(answer.text) as { id: string; originalFilename: string | null };
      if (item.originalFilename !== null) {
        check.noMatch(item.originalFilename, /[\u0000-\u001F\u007F-\u009F]/, `filename ${f.id}: no control character kept`);
        check.below(item.originalFilename.length, 256, `filename ${f.id}: bounded`);
        check.ok(item.originalFilename.isWellFormed(), `filename ${f.id}: well-formed`);
      }
      await expectSafeDownload(item.id, `filename ${f.id}`);
    }
    // Raw bytes a client library would not send: CR LF inside the quoted name, RFC 2231 with encoded CR LF, a NUL byte.
    const b = `----attack${Date.now()}`;
    for (const [what, disposition] of [
      ["raw CR LF in the quoted name", 'form-data; name="file"; filename="evil.txt\r\nX-Injected: 1\r\nContent-Type: text/html"'],
      ["encoded CR LF (RFC 2231)", "form-data; name=\"file\"; filename*=UTF-8''evil%0D%0AX-Injected%3A%201.txt"],
      ["raw NUL byte", 'form-data; name="file"; filename="evil\u0000.txt"'],
      ["invalid UTF-8 bytes", 'form-data; name="file"; filename="evil\u00ff\u00fe.txt"'],
    ] as const) {
      const body = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: `), Buffer.from(disposition, "latin1"), Buffer.from("\r\nContent-Type: text/plain\r\n\r\n"), text(what), Buffer.from(`\r\n--${b}--\r\n`)]);
      const answer = await eitherUpload(`filename ${what}`, () => postRaw(body, `multipart/form-data; boundary=${b}`));
      if (answer.status === 201) await expectSafeDownload((JSON.parse(answer.text) as { id: string }).id, `filename ${what}`);
    }
    expect(strayFiles(), "no file written outside the blob store").toEqual(stray);
    for (const p of ["etc", "passwd", "windows"]) expect(fs.existsSync(path.join(server.dataDir, p)), p).toBe(false);
  });

  test(`sizes over the limit (${EVIDENCE_MAX_BYTES / 1024} KB here): 413 declared or streamed, temp file removed`, async () => {
    const b = `----attack${Date.now()}`;
    const big = Buffer.concat([Buffer.from("A plain text file, too large.\n"), Buffer.alloc(EVIDENCE_MAX_BYTES + 1024, 0x61)]);
    await refusedUpload("over the limit, with Content-Length", () => postRaw(multipart(b, [filePart(big)]), `multipart/form-data; boundary=${b}`), [413]);
    // Chunked, no length declared: the bytes are counted as they arrive. The body stops just past
    // the limit and waits there (so the server has read everything sent when it answers and
    // closes: unread bytes would make the close a reset that can swallow the answer).
    const body = multipart(b, [filePart(big)], { close: false });
    await refusedUpload("over the limit, chunked", () =>
      rawRequest(server.base, {
        method: "POST",
        path: evidenceUrl(),
        headers: { ...server.auth("reviewer"), "Content-Type": `multipart/form-data; boundary=${b}`, "Transfer-Encoding": "chunked" },
        chunks: Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536)),
        endAfter: Math.ceil(body.length / 65536),
      }),
      [413],
    );
    await refusedUpload("a declared 10 GB body", () =>
      rawRequest(server.base, {
        method: "POST",
        path: evidenceUrl(),
        headers: { ...server.auth("reviewer"), "Content-Type": `multipart/form-data; boundary=${b}`, "Content-Length": 10 * 1024 ** 3 },
        // Not a byte of it: the answer must not wait for the body.
        chunks: [],
        endAfter: 0,
        timeout: 10_000,
      }),
      [413],
    );
  });

  test("wrong content types and kinds of file: 415; active content is kept as evidence, never served as a page", async () => {
    for (const [what, type] of [
      ["text/plain", "text/plain"],
      ["application/octet-stream", "application/octet-stream"],
      ["form-urlencoded", "application/x-www-form-urlencoded"],
      ["no Content-Type", null],
    ] as const) {
      await refusedUpload(`request Content-Type ${what}`, () => postRaw(text(), type), [415]);
    }
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), randomBytes(4096)]);
    await refusedUpload("an executable named .jpg", async () => answerOf(await server.api.post(evidenceUrl(), { headers: server.auth("reviewer"), multipart: { file: { name: "photo.jpg", mimeType: "image/jpeg", buffer: elf } } })), [415]);
    // HTML and SVG with script are preserved (they are evidence), and only ever downloaded as inert bytes.
    for (const [name, body] of [
      ["page.html", `<!doctype html><html><body><script>window.__pwned=1</script>${unique("html")}</body></html>`],
      ["drawing.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>alert(1)</script><!-- ${unique("svg")} --></svg>`],
    ]) {
      const answer = await answerOf(await server.api.post(evidenceUrl(), { headers: server.auth("reviewer"), multipart: { file: { name, mimeType: name.endsWith(".svg") ? "image/svg+xml" : "text/html", buffer: Buffer.from(body) } } }));
      expectNoServerError(answer, name);
      if (answer.status === 201) await expectSafeDownload((JSON.parse(answer.text) as { id: string }).id, name);
    }
  });

  test("uploads to a claim that is closed, hidden or not a claim: refused before a byte is stored", async () => {
    const b = `----attack${Date.now()}`;
    const body = multipart(b, [filePart(text())]);
    const rejected = await transition(server, "reviewer", await submitClaim(server), { action: "reject", reason: "Out of scope." });
    for (const [what, claimPath, person, statuses] of [
      ["a rejected claim", `/api/v1/claims/${rejected.id}/evidence`, "reviewer", [422]],
      ["another's claim, as a submitter", `/api/v1/claims/${world.hidden.id}/evidence`, "submitter", [404]],
      ["not a UUID", "/api/v1/claims/..%2F..%2Fetc/evidence", "reviewer", [404]],
      ["NUL in the id", "/api/v1/claims/a%00b/evidence", "reviewer", [400, 404]],
    ] as [string, string, "reviewer" | "submitter", number[]][]) {
      await refusedUpload(`upload to ${what}`, () =>
        rawRequest(server.base, { method: "POST", path: claimPath, headers: { ...server.auth(person), "Content-Type": `multipart/form-data; boundary=${b}`, "Content-Length": body.length }, chunks: [body] }),
        statuses,
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// tus

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const meta = tusMetadata;

function tus(method: string, target: string, headers: Record<string, string | number>, body?: Buffer | string, person: "reviewer" | "submitter" | null = "reviewer"): Promise<Answer> {
  return tusRequest(server, method, target, headers, body, person);
}

/** A fresh upload of `size` bytes to the open claim; its path. */
async function createUpload(size: number, filename = "notes.txt"): Promise<string> {
  const answer = await tus("POST", "/api/v1/uploads", { ...TUS, "Upload-Length": size, "Upload-Metadata": meta({ claimId: world.open.id, filename }) });
  check.equal(answer.status, 201, answer.text);
  return new URL(answer.headers.location, server.base).pathname;
}

async function offsetOf(upload: string): Promise<number> {
  const head = await tus("HEAD", upload, TUS);
  check.equal(head.status, 200, `HEAD ${upload}`);
  return Number(head.headers["upload-offset"]);
}

test.describe("attack corpus: tus resumable uploads", () => {
  test("creation: bad versions, lengths and metadata, unknown claims, unsupported extensions: 4xx in the error shape, nothing kept", async () => {
    const good = meta({ claimId: world.open.id, filename: "a.txt" });
    const cases: [string, Record<string, string | number>, number[], ("reviewer" | "submitter" | null)?][] = [
      ["no Tus-Resumable", { "Upload-Length": 10, "Upload-Metadata": good }, [412]],
      // The protocol asks for 412; @tus/server's header check answers 400 first. Either is a clear refusal.
      ["Tus-Resumable 0.2.2", { "Tus-Resumable": "0.2.2", "Upload-Length": 10, "Upload-Metadata": good }, [400, 412]],
      ["negative Upload-Length", { ...TUS, "Upload-Length": "-1", "Upload-Metadata": good }, [400]],
      ["word Upload-Length", { ...TUS, "Upload-Length": "ten", "Upload-Metadata": good }, [400]],
      ["fraction Upload-Length", { ...TUS, "Upload-Length": "1.5", "Upload-Metadata": good }, [400]],
      ["exponent Upload-Length", { ...TUS, "Upload-Length": "1e3", "Upload-Metadata": good }, [400]],
      ["huge Upload-Length", { ...TUS, "Upload-Length": "99999999999999999999999", "Upload-Metadata": good }, [400, 413]],
      ["over the limit", { ...TUS, "Upload-Length": EVIDENCE_MAX_BYTES + 1, "Upload-Metadata": good }, [413]],
      ["no length at all", { ...TUS, "Upload-Metadata": good }, [400]],
      ["length and deferred length", { ...TUS, "Upload-Length": 10, "Upload-Defer-Length": 1, "Upload-Metadata": good }, [400]],
      ["Upload-Defer-Length 2", { ...TUS, "Upload-Defer-Length": 2, "Upload-Metadata": good }, [400]],
      ["metadata not base64", { ...TUS, "Upload-Length": 10, "Upload-Metadata": "claimId !!!not base64!!!" }, [400]],
      ["metadata key with a space", { ...TUS, "Upload-Length": 10, "Upload-Metadata": `claim Id ${b64(world.open.id)}` }, [400]],
      ["metadata key twice", { ...TUS, "Upload-Length": 10, "Upload-Metadata": `claimId ${b64(world.open.id)},claimId ${b64(world.hidden.id)}` }, [400]],
      ["no claimId", { ...TUS, "Upload-Length": 10, "Upload-Metadata": meta({ filename: "a.txt" }) }, [404]],
      ["claimId with NUL", { ...TUS, "Upload-Length": 10, "Upload-Metadata": meta({ claimId: `${world.open.id}\u0000` }) }, [404]],
      ["claimId with markup", { ...TUS, "Upload-Length": 10, "Upload-Metadata": meta({ claimId: "<script>alert(1)</script>" }) }, [404]],
      ["claimId SQL", { ...TUS, "Upload-Length": 10, "Upload-Metadata": meta({ claimId: "' or 1=1 --" }) }, [404]],
      ["another's claim, as a submitter", { ...TUS, "Upload-Length": 10, "Upload-Metadata": meta({ claimId: world.hidden.id }) }, [404], "submitter"],
      ["actorId smuggled in metadata", { ...TUS, "Upload-Length": 10, "Upload-Metadata": meta({ claimId: world.hidden.id, actorId: "someone-else" }) }, [404], "submitter"],
      ["concatenation (partial)", { ...TUS, "Upload-Length": 10, "Upload-Concat": "partial", "Upload-Metadata": good }, [400]],
      ["concatenation (final of others' uploads)", { ...TUS, "Upload-Concat": "final;/api/v1/uploads/a /api/v1/uploads/b", "Upload-Metadata": good }, [400]],
      ["no credentials", { ...TUS, "Upload-Length": 10, "Upload-Metadata": good }, [401], null],
    ];
    for (const [what, headers, statuses, person] of cases) {
      await refusedUpload(`tus create: ${what}`, () => tus("POST", "/api/v1/uploads", headers, undefined, person === undefined ? "reviewer" : person), statuses);
    }
    // A bad token is a 401, never a fall-back.
    await refusedUpload("tus create: a wrong token", () => rawRequest(server.base, { method: "POST", path: "/api/v1/uploads", headers: { ...TUS, Authorization: "Bearer not-a-token", "Upload-Length": 10, "Content-Length": 0 }, chunks: [] }), [401]);
  });

  test("PATCH: bad offsets, wrong content type, bodies past the length, no upload, checksums: 4xx, the upload untouched", async () => {
    const size = 1000;
    const upload = await createUpload(size);
    const bytes = Buffer.alloc(size, 0x62);
    const octet = { ...TUS, "Content-Type": "application/offset+octet-stream" };
    const cases: [string, string, Record<string, string | number>, Buffer | undefined, number[]][] = [
      ["no Upload-Offset", upload, octet, bytes.subarray(0, 10), [400, 403]],
      ["offset ahead of the upload", upload, { ...octet, "Upload-Offset": 5 }, bytes.subarray(0, 10), [409]],
      ["negative offset", upload, { ...octet, "Upload-Offset": "-1" }, bytes.subarray(0, 10), [400]],
      ["word offset", upload, { ...octet, "Upload-Offset": "zero" }, bytes.subarray(0, 10), [400]],
      ["huge offset", upload, { ...octet, "Upload-Offset": "99999999999999999999" }, bytes.subarray(0, 10), [400, 409]],
      ["Content-Type application/octet-stream", upload, { ...TUS, "Content-Type": "application/octet-stream", "Upload-Offset": 0 }, bytes.subarray(0, 10), [415]],
      ["Content-Type text/plain", upload, { ...TUS, "Content-Type": "text/plain", "Upload-Offset": 0 }, bytes.subarray(0, 10), [415]],
      ["no Content-Type", upload, { ...TUS, "Upload-Offset": 0 }, bytes.subarray(0, 10), [415]],
      ["body past Upload-Length", upload, { ...octet, "Upload-Offset": 0 }, Buffer.alloc(size + 10, 0x62), [413]],
      ["checksum that does not match", upload, { ...octet, "Upload-Offset": 0, "Upload-Checksum": `sha1 ${Buffer.alloc(20).toString("base64")}` }, bytes.subarray(0, 10), [400, 460]],
      ["checksum of an unknown algorithm", upload, { ...octet, "Upload-Offset": 0, "Upload-Checksum": "crc99 AAAA" }, bytes.subarray(0, 10), [400]],
      ["no such upload", "/api/v1/uploads/0123456789abcdef0123456789abcdef", { ...octet, "Upload-Offset": 0 }, bytes.subarray(0, 10), [404]],
      // The collection has no PATCH (the operation table lists POST and OPTIONS there).
      ["no upload id", "/api/v1/uploads", { ...octet, "Upload-Offset": 0 }, bytes.subarray(0, 10), [405]],
      ["id ..", "/api/v1/uploads/%2e%2e", { ...octet, "Upload-Offset": 0 }, bytes.subarray(0, 10), [404]],
      ["id with a path", "/api/v1/uploads/..%2F..%2Fpglite", { ...octet, "Upload-Offset": 0 }, bytes.subarray(0, 10), [404]],
      ["id with NUL", "/api/v1/uploads/a%00b", { ...octet, "Upload-Offset": 0 }, bytes.subarray(0, 10), [400, 404]],
      ["id of 10 KB", `/api/v1/uploads/${"a".repeat(10 * 1024)}`, { ...octet, "Upload-Offset": 0 }, bytes.subarray(0, 10), [404]],
    ];
    for (const [what, target, headers, body, statuses] of cases) {
      const before = await snapshot(server, { reuse: true });
      const answer = await tus("PATCH", target, headers, body);
      // "..": the HTTP layer resolves the dot segment and sends the client to /api/v1 instead.
      if (what === "id .." && [307, 308].includes(answer.status)) continue;
      expectRefusal(answer, `tus PATCH: ${what}`, { statuses });
      await expectUnchanged(server, before, `tus PATCH: ${what}`);
      check.equal(await offsetOf(upload), 0, `tus PATCH: ${what}: the upload's offset`);
    }
    // Another person's upload: not found for them, whatever they send.
    const other = await tus("PATCH", upload, { ...octet, "Upload-Offset": 0 }, bytes, "submitter");
    expectRefusal(other, "tus PATCH of another's upload", { statuses: [404] });
    const peek = await tus("HEAD", upload, TUS, undefined, "submitter");
    expect(peek.status, "HEAD of another's upload").toBe(404);
    // The upload still completes, and becomes one evidence item.
    const before = await snapshot(server);
    const done = await tus("PATCH", upload, { ...octet, "Upload-Offset": 0 }, Buffer.concat([Buffer.from(`${unique("tus")}\n`), bytes]).subarray(0, size));
    expect(done.status, done.text).toBe(204);
    expect(done.headers["evidence-id"]).toBeTruthy();
    expect((await snapshot(server)).events).toBeGreaterThan(before.events);
  });

  test("deferred length: a length over the limit given later, and a second length: refused", async () => {
    const good = meta({ claimId: world.open.id, filename: "deferred.txt" });
    const created = await tus("POST", "/api/v1/uploads", { ...TUS, "Upload-Defer-Length": 1, "Upload-Metadata": good });
    expect(created.status, created.text).toBe(201);
    const upload = new URL(created.headers.location, server.base).pathname;
    const octet = { ...TUS, "Content-Type": "application/offset+octet-stream" };
    const over = await tus("PATCH", upload, { ...octet, "Upload-Offset": 0, "Upload-Length": EVIDENCE_MAX_BYTES + 1 }, Buffer.alloc(10, 0x61));
    expectRefusal(over, "tus deferred length over the limit", { statuses: [413] });
    const streamed = await rawRequest(server.base, {
      method: "PATCH",
      path: upload,
      headers: { ...server.auth("reviewer"), ...octet, "Upload-Offset": 0, "Transfer-Encoding": "chunked" },
      chunks: Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x61)),
    });
    expectRefusal(streamed, "tus deferred upload streamed past the limit", { statuses: [413] });
    await tus("DELETE", upload, TUS);
  });

  test("hostile filenames in tus metadata: metadata only, downloads stay one safe header", async () => {
    const stray = strayFiles();
    for (const f of FILENAMES) {
      const body = Buffer.from(`${unique("tus-name")}\n`);
      const upload = await createUpload(body.length, f.value);
      const done = await tus("PATCH", upload, { ...TUS, "Content-Type": "application/offset+octet-stream", "Upload-Offset": 0 }, body);
      check.equal(done.status, 204, `tus filename ${f.id}: ${done.text}`);
      for (const [name, value] of Object.entries(done.headers)) check.noMatch(`${name}: ${value}`, /x-injected|[\r\n]/i, `tus filename ${f.id}`);
      await expectSafeDownload(done.headers["evidence-id"], `tus filename ${f.id}`);
    }
    expect(strayFiles(), "no file written outside the blob store").toEqual(stray);
  });

  test("tus answers are the API's error shape", async () => {
    // Checked above for every refusal; here the protocol's own ones once more, with what a browser sees.
    const answer = await tus("HEAD", "/api/v1/uploads/does-not-exist", TUS);
    expect(answer.status).toBe(404);
    const get = await tus("GET", "/api/v1/uploads/does-not-exist", {});
    expectRefusal(get, "tus GET of no upload", { statuses: [404] });
    const options = await tus("OPTIONS", "/api/v1/uploads", {});
    expect(options.status, "OPTIONS").toBeLessThan(300);
    expect(options.headers["tus-extension"] ?? "", "the extensions offered").not.toMatch(/concatenation|checksum/);
  });
});
