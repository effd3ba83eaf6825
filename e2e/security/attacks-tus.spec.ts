import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "../support/server";
import * as check from "../support/check";
import type { Person } from "../support/fixtures";
import {
  type Answer,
  type AttackServer,
  EVIDENCE_MAX_BYTES,
  expectRefusal,
  expectServerSound,
  startAttackServer,
  TUS,
  TUS_OCTET,
  tusMetadata,
  tusRequest,
} from "./support/attack-harness";
import { makeWorld, unique, type World } from "./support/attack-world";

/**
 * tus uploads held to what one person may hold (issue 15, finding 4): unfinished uploads and the
 * bytes they promise are bounded per person (creations racing at once included), expired uploads
 * are swept from disk by the schedule and cannot be resumed, a body that stops sending is ended
 * keeping what arrived, and one person sends at most a few bodies at once.
 */

test.describe.configure({ timeout: 180_000 });

/** The defaults of lib/env.ts: at most 20 unfinished uploads and 4 × EVIDENCE_MAX_BYTES reserved, 4 bodies at once. */
const MAX_OPEN = 20;
const MAX_SENDING = 4;
const IDLE_SECONDS = 3;
const EXPIRY_SECONDS = 4;

const tusDir = (server: AttackServer) => path.join(server.dataDir, "tus");
const tusFiles = (server: AttackServer) => (fs.existsSync(tusDir(server)) ? fs.readdirSync(tusDir(server)) : []);

function metadataFor(world: World, filename = "notes.txt") {
  return tusMetadata({ claimId: world.open.id, filename });
}

async function create(server: AttackServer, world: World, person: Person, size: number | "deferred"): Promise<Answer> {
  const length: Record<string, number> = size === "deferred" ? { "Upload-Defer-Length": 1 } : { "Upload-Length": size };
  return tusRequest(server, "POST", "/api/v1/uploads", { ...TUS, ...length, "Upload-Metadata": metadataFor(world) }, undefined, person);
}

async function createUpload(server: AttackServer, world: World, person: Person, size: number): Promise<string> {
  const answer = await create(server, world, person, size);
  expect(answer.status, answer.text).toBe(201);
  return new URL(answer.headers.location, server.base).pathname;
}

/** Cancel every upload in `uploads` (tus termination), so the next test starts with none open. */
async function cancelAll(server: AttackServer, person: Person, uploads: string[]) {
  for (const upload of uploads) {
    const answer = await tusRequest(server, "DELETE", upload, TUS, undefined, person);
    expect([204, 404], `DELETE ${upload}: ${answer.text}`).toContain(answer.status);
  }
}

async function offsetOf(server: AttackServer, upload: string, person: Person = "reviewer"): Promise<number> {
  const head = await tusRequest(server, "HEAD", upload, TUS, undefined, person);
  expect(head.status, `HEAD ${upload}`).toBe(200);
  return Number(head.headers["upload-offset"]);
}

/**
 * A PATCH whose body comes one byte every `everyMs` until `finish()` sends the rest at once:
 * a slow client that holds its request open. `answer` settles when the server answers.
 */
function tricklePatch(server: AttackServer, upload: string, body: Buffer, everyMs: number, person: Person = "reviewer") {
  const url = new URL(server.base);
  const headers = { Host: url.host, ...server.auth(person), ...TUS_OCTET, "Upload-Offset": 0, "Content-Length": body.length, Connection: "close" };
  const socket = net.connect(Number(url.port), url.hostname);
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const received: Buffer[] = [];
  const answer = new Promise<{ status: number; text: string }>((resolve) => {
    socket.on("data", (c: Buffer) => received.push(c));
    socket.on("close", () => {
      clearInterval(timer);
      const text = Buffer.concat(received).toString("latin1");
      resolve({ status: Number(text.split(" ")[1]), text });
    });
  });
  socket.on("error", () => {});
  socket.on("connect", () => {
    socket.write(`PATCH ${upload} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`);
    timer = setInterval(() => {
      if (sent < body.length - 1) socket.write(body.subarray(sent, ++sent));
    }, everyMs);
  });
  return {
    answer,
    finish() {
      clearInterval(timer);
      socket.write(body.subarray(sent));
      sent = body.length;
    },
  };
}

test.describe("tus limits per person", () => {
  let server: AttackServer;
  let world: World;

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(300_000);
    server = await startAttackServer(playwright, { TUS_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS) });
    world = await makeWorld(server);
  });

  test.afterAll(async () => {
    await server?.close();
  });

  test.afterEach(async () => {
    await expectServerSound(server);
  });

  test("200 creations from one person, 25 at once: 20 open, the rest refused with how many are open; the disk holds 20; another person still creates", async () => {
    const answers: Answer[] = [];
    for (let batch = 0; batch < 8; batch++) {
      answers.push(...(await Promise.all(Array.from({ length: 25 }, () => create(server, world, "reviewer", 1000)))));
    }
    const created = answers.filter((a) => a.status === 201);
    expect(created.length, "exactly the limit passes, although creations race").toBe(MAX_OPEN);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.length).toBe(200 - MAX_OPEN);
    const what = "a creation past the open-upload limit";
    for (const answer of refused) {
      const body = expectRefusal(answer, what, { statuses: [429] });
      check.equal(body.error.code, "RATE_LIMITED", `${what}: error code`);
      check.contains(body.error.message, `${MAX_OPEN} unfinished uploads`, `${what}: how many are open`);
      check.matches(body.error.message, /finish or cancel/i, `${what}: what to do`);
    }
    // Each upload is a data file and its JSON description: 20 uploads, 40 files, not 400.
    const files = tusFiles(server);
    expect(files.length, files.slice(0, 5).join(", ")).toBe(2 * MAX_OPEN);

    // The limit is one person's: another person creates.
    const other = await createUpload(server, world, "submitter", 1000);
    expect(tusFiles(server).length).toBe(2 * MAX_OPEN + 2);

    // Cancelling one frees its place, for one more creation and no more.
    const uploads = created.map((a) => new URL(a.headers.location, server.base).pathname);
    await cancelAll(server, "reviewer", uploads.slice(0, 1));
    uploads[0] = await createUpload(server, world, "reviewer", 1000);
    expectRefusal(await create(server, world, "reviewer", 1000), "one past the limit again", { statuses: [429] });

    // Finishing one frees it too: the last byte makes it evidence, and the upload is gone.
    const body = Buffer.from(`${unique("finished")}\n`.padEnd(1000, "."));
    const done = await tusRequest(server, "PATCH", uploads[1], { ...TUS_OCTET, "Upload-Offset": 0 }, body);
    expect(done.status, done.text).toBe(204);
    expect(done.headers["evidence-id"]).toBeTruthy();
    uploads[1] = await createUpload(server, world, "reviewer", 1000);

    await cancelAll(server, "reviewer", uploads);
    await cancelAll(server, "submitter", [other]);
    expect(tusFiles(server)).toEqual([]);
  });

  test("reserved bytes: uploads promising more than 4 × the file limit are refused with 413 until one is cancelled", async () => {
    const uploads: string[] = [];
    for (let i = 0; i < 4; i++) uploads.push(await createUpload(server, world, "reviewer", EVIDENCE_MAX_BYTES));
    for (const [what, size] of [["one byte more", 1], ["a whole file more", EVIDENCE_MAX_BYTES], ["a deferred length (may grow to the file limit)", "deferred"]] as const) {
      const answer = await create(server, world, "reviewer", size);
      const body = expectRefusal(answer, `reserved bytes: ${what}`, { statuses: [413] });
      expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(body.error.message).toContain("4 unfinished uploads");
      expect(body.error.message).toContain("4.0 MB");
      expect(body.error.message).toMatch(/finish or cancel/i);
    }
    expect(tusFiles(server).length, "nothing kept of the refused creations").toBe(8);
    // Someone else's reservation is their own.
    const other = await createUpload(server, world, "submitter", EVIDENCE_MAX_BYTES);
    await cancelAll(server, "reviewer", uploads.splice(0, 1));
    uploads.push(await createUpload(server, world, "reviewer", EVIDENCE_MAX_BYTES));
    await cancelAll(server, "reviewer", uploads);
    await cancelAll(server, "submitter", [other]);
  });

  test("a PATCH that sends one byte and then nothing is ended after the idle timeout, keeping the byte; the upload resumes from it", async () => {
    const size = 100;
    const upload = await createUpload(server, world, "reviewer", size);
    const content = Buffer.from(`${unique("idle")}\n`.padEnd(size, "-"));
    const started = Date.now();
    // Content-Length says 100; one byte comes, and the socket stays open without another.
    const answer = await tusRequest(server, "PATCH", upload, { ...TUS_OCTET, "Upload-Offset": 0, "Content-Length": size }, content.subarray(0, 1));
    const heldMs = Date.now() - started;
    expect(answer.status, answer.text).toBe(204);
    expect(answer.headers["upload-offset"], "the byte received is kept").toBe("1");
    expect(heldMs, "ended after the idle timeout, not held").toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 200);
    expect(heldMs, "ended after the idle timeout, not held").toBeLessThan(IDLE_SECONDS * 1000 + 5_000);
    expect(await offsetOf(server, upload)).toBe(1);
    expect(fs.readFileSync(path.join(tusDir(server), path.basename(upload))).toString()).toBe(content.subarray(0, 1).toString());

    const rest = await tusRequest(server, "PATCH", upload, { ...TUS_OCTET, "Upload-Offset": 1 }, content.subarray(1));
    expect(rest.status, rest.text).toBe(204);
    const evidenceId = rest.headers["evidence-id"];
    expect(evidenceId).toBeTruthy();
    const stored = await server.api.get(`/api/v1/evidence/${evidenceId}/content`, { headers: server.auth("reviewer") });
    expect((await stored.body()).toString()).toBe(content.toString());
  });

  test(`at most ${MAX_SENDING} bodies at once per person: the next PATCH is refused at once, others unaffected`, async () => {
    const size = 200;
    const uploads: string[] = [];
    for (let i = 0; i < MAX_SENDING + 1; i++) uploads.push(await createUpload(server, world, "reviewer", size));
    const bodies = uploads.map(() => Buffer.from(`${unique("slow")}\n`.padEnd(size, "~")));
    // Four slow clients, a byte every 500 ms: under the idle timeout, so they are held.
    const slow = uploads.slice(0, MAX_SENDING).map((u, i) => tricklePatch(server, u, bodies[i], 500));
    // Read on disk: a HEAD would take the upload's lock and end the slow PATCH holding it.
    const onDisk = (upload: string) => fs.statSync(path.join(tusDir(server), path.basename(upload))).size;
    await expect.poll(() => onDisk(uploads[MAX_SENDING - 1]), { message: "the slow bodies arrive", timeout: 10_000 }).toBeGreaterThan(0);

    const started = Date.now();
    const fifth = await tusRequest(server, "PATCH", uploads[MAX_SENDING], { ...TUS_OCTET, "Upload-Offset": 0 }, bodies[MAX_SENDING]);
    expect(Date.now() - started, "refused at once, not queued").toBeLessThan(2_000);
    const body = expectRefusal(fifth, "a fifth body at once", { statuses: [429] });
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.message).toContain(`${MAX_SENDING} uploads`);
    expect(onDisk(uploads[MAX_SENDING]), "nothing written by the refused PATCH").toBe(0);

    // Another person is not held by them.
    const theirBody = Buffer.from(`${unique("other")}\n`);
    const other = await createUpload(server, world, "submitter", theirBody.length);
    const theirs = await tusRequest(server, "PATCH", other, { ...TUS_OCTET, "Upload-Offset": 0 }, theirBody, "submitter");
    expect(theirs.status, theirs.text).toBe(204);

    for (const s of slow) s.finish();
    for (const answer of await Promise.all(slow.map((s) => s.answer))) expect(answer.status, answer.text.slice(0, 300)).toBe(204);
    const now = await tusRequest(server, "PATCH", uploads[MAX_SENDING], { ...TUS_OCTET, "Upload-Offset": 0 }, bodies[MAX_SENDING]);
    expect(now.status, now.text).toBe(204);
    expect(tusFiles(server)).toEqual([]);
  });
});

test.describe("expired tus uploads", () => {
  let server: AttackServer;
  let world: World;

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(300_000);
    server = await startAttackServer(playwright, { TUS_EXPIRY_SECONDS: String(EXPIRY_SECONDS) });
    world = await makeWorld(server);
  });

  test.afterAll(async () => {
    await server?.close();
  });

  test.afterEach(async () => {
    await expectServerSound(server);
  });

  test("an unfinished upload past its expiry is swept from disk by the schedule, cannot be resumed, and counts for nothing", async () => {
    const upload = await createUpload(server, world, "reviewer", 100);
    const sent = await tusRequest(server, "PATCH", upload, { ...TUS_OCTET, "Upload-Offset": 0 }, Buffer.alloc(10, 0x61));
    expect(sent.status, sent.text).toBe(204);
    expect(Date.parse(sent.headers["upload-expires"]), "the answer says when it expires").toBeLessThanOrEqual(Date.now() + EXPIRY_SECONDS * 1000 + 1000);
    const id = path.basename(upload);
    expect(tusFiles(server).sort()).toEqual([id, `${id}.json`]);

    // Nobody touches it: the sweep (every expiry period at most, an hour in production) removes both files.
    await expect.poll(() => tusFiles(server), { message: "the expired upload's files are removed", timeout: 4 * EXPIRY_SECONDS * 1000 }).toEqual([]);
    const head = await tusRequest(server, "HEAD", upload, TUS);
    expect(head.status).toBe(404);
    const resumed = await tusRequest(server, "PATCH", upload, { ...TUS_OCTET, "Upload-Offset": 10 }, Buffer.alloc(90, 0x61));
    expectRefusal(resumed, "resuming an expired upload", { statuses: [404] });
    expect(tusFiles(server), "resuming wrote nothing").toEqual([]);

    // Expired uploads hold no place: the limit's worth, left to expire, then the limit's worth again.
    const first = await Promise.all(Array.from({ length: MAX_OPEN }, () => create(server, world, "submitter", 10)));
    expect(first.map((a) => a.status)).toEqual(Array(MAX_OPEN).fill(201));
    expectRefusal(await create(server, world, "submitter", 10), "past the limit", { statuses: [429] });
    await new Promise((resolve) => setTimeout(resolve, EXPIRY_SECONDS * 1000 + 500));
    const second = await create(server, world, "submitter", 10);
    expect(second.status, `an expired upload counts for nothing, swept or not: ${second.text}`).toBe(201);
    await expect.poll(() => tusFiles(server).length, { message: "all swept in the end", timeout: 4 * EXPIRY_SECONDS * 1000 }).toBe(0);
  });
});
