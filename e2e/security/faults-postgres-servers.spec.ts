import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import pg from "pg";
import { Upload as TusUpload } from "tus-js-client";
import path from "node:path";
import type S3rver from "s3rver";
import { nextStartArgs } from "../../lib/server/next-start";
import { type ProcessGroup, readProcess, spawnGroup } from "../../lib/test/process-group";
import { startS3 } from "../../lib/test/s3";
import { expectWholeChain, LoadClient, sha256, sleep, textFile } from "../support/load";
import { E2E_METRICS_TOKEN } from "../support/operations";
import { createDatabase, queryDatabase, requirePostgres } from "../support/postgres";
import { type RoundRobin, startRoundRobin } from "../support/round-robin";
import { expect, freePort, newDataDir, removeDataDir, startServer, type TestServer, test } from "../support/server";

/**
 * Several app servers on one PostgreSQL and one S3 store (issue 25), started by the test on
 * loopback behind a round-robin balancer (e2e/support/round-robin.ts), each working jobs in-process.
 * The workflow alternates servers; a retraction through one is gone from the other's cached answers
 * within INVALIDATION_BOUND_MS; a server killed outright loses nothing the others answered; one
 * stopped with SIGTERM finishes what it had taken; servers starting together migrate once; a
 * schema a later release wrote is refused.
 */

const INVALIDATION_BOUND_MS = 2_000;
const JOURNAL = JSON.parse(fs.readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };

test.describe.configure({ mode: "serial" });

/** A server of the test's own, started as `npm start` does, without the demo (an empty database must stay empty but for the migration). */
function startBare(url: string, dataDir: string, port: number, env: Record<string, string> = {}) {
  const group = spawnGroup(process.execPath, nextStartArgs(process.cwd(), String(port)), {
    label: `a bare app server on port ${port}`,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      SEED_DEMO: "0",
      NODE_ENV: "production",
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "error",
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  group.child.stdout!.on("data", (c) => (output = (output + c).slice(-6000)));
  group.child.stderr!.on("data", (c) => (output = (output + c).slice(-6000)));
  return { group, base: `http://127.0.0.1:${port}`, output: () => output };
}

/** The live probe's answer, read whole, or null when none came within 10 s. */
async function live(base: string): Promise<{ status: number } | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const response = await fetch(`${base}/api/v1/health/live`, { signal: controller.signal });
    await response.text();
    return { status: response.status };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The ready probe's answer, or null when none came within `ms` (a timer of its own: the request is aborted then). */
async function readiness(base: string, ms = 5_000): Promise<{ status: number; body: { ready: boolean; reason?: string } } | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(`${base}/api/v1/health/ready`, { signal: controller.signal });
    return { status: response.status, body: (await response.json()) as { ready: boolean; reason?: string } };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

test("servers started at once on an empty database migrate it once, answering their probes and metrics meanwhile; a schema from a later release takes them out and keeps a new one from starting", async () => {
  test.setTimeout(240_000);
  requirePostgres();
  const database = await createDatabase();
  const dirs = [newDataDir(), newDataDir(), newDataDir()];
  const servers: ReturnType<typeof startBare>[] = [];
  // Another server's long migration, as these two see it: the migration lock held (db/connect.ts).
  const holder = new pg.Client({ connectionString: database.url });
  await holder.connect();
  let held = true;
  try {
    await holder.query("select pg_advisory_lock(727001)");
    const ports = [await freePort(), await freePort()];
    servers.push(startBare(database.url, dirs[0], ports[0]), startBare(database.url, dirs[1], ports[1]));
    for (const server of servers) {
      // Alive at once, not ready, and its metrics served without the database's figures.
      await expect
        // The answer read whole: a server still starting may end its body late, and a client that
        // let its deadline cut the body off would have the request counted as aborted, not 200.
        .poll(async () => (await live(server.base))?.status, { timeout: 120_000, intervals: [250, 500] })
        .toBe(200);
      // The lock is held until after these probes: a probe that waited for the database would not
      // answer before its deadline. (Its own wait is 3 s; the deadline is wider than that, since in
      // CI a server still starting beside the other workers once took 12 s of wall time to answer:
      // the machine's load, not the probe's wait, which a bound in seconds cannot tell apart.)
      expect(await readiness(server.base, 30_000), "the ready probe answers while the migration lock is held").toEqual({ status: 503, body: { ready: false, reason: "database" } });
      const metrics = await fetch(`${server.base}/api/v1/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toMatch(/^corroborate_database_up 0$/m);
      expect(text).toContain('corroborate_http_requests_total{method="GET",route="/api/v1/health/live",status="200"}');
      expect(text).not.toMatch(/^corroborate_audit_chain_length /m);
    }
    await holder.query("select pg_advisory_unlock(727001)");
    held = false;
    for (const server of servers) {
      await expect
        .poll(async () => (await readiness(server.base))?.status, { timeout: 120_000, intervals: [250, 500, 1000], message: `server ${server.base} ready:\n${server.output()}` })
        .toBe(200);
    }
    const applied = await queryDatabase<{ hash: string }>(database.url, "select hash from drizzle.__drizzle_migrations");
    expect(applied.length, "each migration applied once").toBe(JOURNAL.entries.length);
    expect(new Set(applied.map((row) => row.hash)).size).toBe(applied.length);
    // Migrated, and nothing else: no demo, no user.
    expect(await queryDatabase(database.url, "select id from users")).toEqual([]);

    // A later release migrates the database: the running servers say they are not ready…
    await queryDatabase(database.url, "insert into drizzle.__drizzle_migrations (hash, created_at) values ('a-later-release', (select max(created_at) + 60000 from drizzle.__drizzle_migrations))");
    for (const server of servers) {
      const state = await readiness(server.base);
      expect(state).toEqual({ status: 503, body: { ready: false, reason: "schema" } });
    }
    // …and a server of this code will not start on it.
    const late = startBare(database.url, dirs[2], await freePort());
    const code = await new Promise<number | null>((resolve) => late.group.child.on("exit", (exit) => resolve(exit)));
    expect(code, late.output()).not.toBe(0);
    expect(late.output()).toMatch(/newer than this server's code \(\d{4}_\w+\): upgrade this server/);
    await late.group.stop();

    await queryDatabase(database.url, "delete from drizzle.__drizzle_migrations where hash = 'a-later-release'");
    for (const server of servers) expect((await readiness(server.base))?.status).toBe(200);
    // SIGTERM with a connection open that never began a request: it is not waited for.
    const idle = net.connect(Number(new URL(servers[0].base).port), "127.0.0.1");
    await new Promise((resolve) => idle.once("connect", resolve));
    idle.write("GET /api/v1/hea");
    const exited = new Promise<number | null>((resolve) => servers[0].group.child.once("exit", (code) => resolve(code)));
    const signalled = Date.now();
    servers[0].group.child.kill("SIGTERM");
    expect(await exited, servers[0].output()).toBe(0);
    expect(Date.now() - signalled, "an unstarted request held the shutdown").toBeLessThan(5_000);
    idle.destroy();
  } finally {
    if (held) await holder.query("select pg_advisory_unlock(727001)").catch(() => {});
    await holder.end();
    for (const server of servers) await server.group.stop();
    for (const dir of dirs) removeDataDir(dir);
    await database.drop();
  }
});

test.describe("two app servers behind a balancer", () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let s3Dir: string;
  let s3: S3rver;
  const dirs: string[] = [];
  let a: TestServer;
  let b: TestServer;
  let balancer: RoundRobin;
  let api: LoadClient;
  /** Two job workers apart (`npm run worker`), as compose.yaml runs them: the servers work no jobs. */
  const workers: { group: ProcessGroup; output: () => string }[] = [];
  const workerScript = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { worker: string } }).scripts.worker;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    requirePostgres();
    database = await createDatabase();
    s3Dir = newDataDir();
    const started = await startS3(s3Dir);
    s3 = started.server;
    const env = {
      DATABASE_URL: database.url,
      // One secret for every server, as the README asks: a session or CSRF cookie made by one is read by the other.
      AUTH_SECRET: "the-servers-test-shared-secret-0123456789",
      BLOB_STORE: "s3",
      S3_ENDPOINT: started.endpoint,
      S3_BUCKET: "evidence",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    };
    dirs.push(newDataDir(), newDataDir(), newDataDir(), newDataDir());
    // One after the other: the first migrates and seeds the demo, the second finds them there.
    a = await startServer(dirs[0], { ...env, WORKER: "off" });
    b = await startServer(dirs[1], { ...env, WORKER: "off" });
    for (const dir of dirs.slice(2)) {
      // As `npm run worker` runs it (and compose.yaml, lib/server/deployment.test.ts): node, its flags, the entry.
      const [, ...args] = workerScript.split(" ");
      const group = spawnGroup(process.execPath, args, {
        label: "a job worker apart",
        env: { ...process.env, ...env, DATA_DIR: dir, LOG_LEVEL: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      group.child.stdout!.on("data", (c) => (output = (output + c).slice(-4000)));
      group.child.stderr!.on("data", (c) => (output = (output + c).slice(-4000)));
      workers.push({ group, output: () => output });
    }
    for (const worker of workers) await expect.poll(worker.output, { timeout: 60_000, message: "the worker started" }).toContain("Working jobs");
    balancer = await startRoundRobin([a.base, b.base]);
    api = new LoadClient(balancer.base, a.tokens, 30_000);
  });

  test.afterAll(async () => {
    for (const worker of workers) await worker.group.stop();
    await balancer?.close();
    await a?.stop().catch(() => {});
    await b?.stop().catch(() => {});
    await new Promise<void>((resolve) => (s3 ? s3.close(() => resolve()) : resolve()));
    for (const dir of [...dirs, s3Dir]) if (dir) removeDataDir(dir);
    await database?.drop();
  });

  test("the workflow alternates servers; a retraction through one is gone from the other's answers at once", async () => {
    test.setTimeout(180_000);
    const word = `servers${Date.now().toString(36)}`;
    const ok = async (...args: Parameters<LoadClient["call"]>) => {
      const call = await api.call(...args);
      expect(call.status, `${call.route}: ${JSON.stringify(call.body)}`).toBeGreaterThanOrEqual(200);
      expect(call.status, `${call.route}: ${JSON.stringify(call.body)}`).toBeLessThan(300);
      return call.body as Record<string, unknown>;
    };
    const before = balancer.trail.length;
    let claim = await ok("submitter", "POST", "/api/v1/claims", { json: { kind: "report", title: `Entry across servers ${word}`, summary: "Made by the several-servers test.", language: "en" } });
    claim = await ok("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "accept", version: claim.version } });
    const file = textFile();
    const uploaded = await ok("reviewer", "POST", `/api/v1/claims/${claim.id}/evidence`, { file });
    expect(uploaded.sha256).toBe(sha256(file.bytes));
    // Its derivations are jobs, taken by the workers apart (the servers take none).
    let item = uploaded;
    await expect
      .poll(
        async () => {
          item = await ok("reviewer", "GET", `/api/v1/evidence/${uploaded.id}`);
          return Object.values(item.processing as Record<string, string>).includes("pending");
        },
        { timeout: 60_000, intervals: [250, 500, 1000] },
      )
      .toBe(false);
    item = await ok("reviewer", "PATCH", `/api/v1/evidence/${uploaded.id}`, { json: { isGraphic: false, hasPersonalData: false, version: item.version } });
    await ok("reviewer", "POST", `/api/v1/claims/${claim.id}/assessments`, { json: { evidenceId: uploaded.id, stance: "supports", credibility: 2 } });
    claim = await ok("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, {
      json: { action: "send_to_review", version: claim.version, grade: "probable", rationale: "Checked across two servers." },
    });
    claim = await ok("editor2", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "publish", version: claim.version } });
    const slug = claim.publicSlug as string;
    expect(slug).toBeTruthy();
    // Consecutive calls went to alternate servers, both servers answering: the eight calls above at
    // least (one read of the item when its derivations were already done, more while they ran).
    const trail = balancer.trail.slice(before);
    expect(trail.length).toBeGreaterThanOrEqual(8);
    expect(trail.every((server, i) => i === 0 || server !== trail[i - 1]), `servers in turn: ${trail.join("")}`).toBe(true);

    // The bytes went to the shared store: either server serves them.
    for (const server of [a, b]) {
      const content = await fetch(`${server.base}/api/v1/evidence/${uploaded.id}/content`, { headers: { Authorization: `Bearer ${a.tokens["reviewer@demo.test"]}` } });
      expect(content.status).toBe(200);
      expect(sha256(Buffer.from(await content.arrayBuffer()))).toBe(sha256(file.bytes));
    }
    // No job was done twice, though two workers were taking jobs.
    const jobs = await queryDatabase<{ kind: string; state: string; attempts: number }>(database.url, "select kind, state, attempts from jobs where evidence_id = $1", [uploaded.id]);
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((job) => job.state !== "done" || job.attempts !== 1)).toEqual([]);

    // Public on both servers at once, read twice so each has it in its cache.
    const entryOn = async (server: TestServer) => {
      const response = await fetch(`${server.base}/api/v1/public/entries/${slug}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { isRetracted: boolean; title: string };
    };
    const listedOn = async (server: TestServer) => {
      const response = await fetch(`${server.base}/api/v1/public/entries?limit=50`);
      const items = ((await response.json()) as { items: { slug: string; isRetracted: boolean }[] }).items;
      return items.find((entry) => entry.slug === slug);
    };
    for (let i = 0; i < 2; i++) {
      for (const server of [a, b]) {
        expect(await entryOn(server)).toMatchObject({ isRetracted: false, title: `Entry across servers ${word}` });
        expect(await listedOn(server)).toMatchObject({ isRetracted: false });
      }
    }

    // Retracted through A: B's cached answers drop it within the bound.
    const retract = await fetch(`${a.base}/api/v1/claims/${claim.id}/transitions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${a.tokens["editor2@demo.test"]}`, "Content-Type": "application/json" },
      body: JSON.stringify({ action: "retract", version: claim.version, reason: `Withdrawn across servers (${word}).` }),
    });
    expect(retract.status, await retract.clone().text()).toBe(200);
    const answered = Date.now();
    let fresh = false;
    let firstRead: boolean | null = null;
    while (!fresh && Date.now() - answered <= INVALIDATION_BOUND_MS) {
      fresh = (await entryOn(b)).isRetracted && (await listedOn(b))?.isRetracted === true;
      firstRead ??= fresh;
      if (!fresh) await sleep(50);
    }
    const delay = Date.now() - answered;
    expect(fresh, `server B still answered the entry as published ${INVALIDATION_BOUND_MS} ms after A's retraction answered`).toBe(true);
    console.log(`[servers] B's cached answers were fresh ${delay} ms after A's retraction answered (${firstRead ? "at the first read" : "after polling"})`);
    const page = await (await fetch(`${b.base}/entries/${slug}`)).text();
    expect(page).toContain(`Withdrawn across servers (${word}).`);
  });

  test("a 50 MB resumable upload whose chunks alternate between the servers becomes one item, one blob, with its SHA-256", async () => {
    test.setTimeout(180_000);
    const token = a.tokens["reviewer@demo.test"];
    const claim = (await api.call("submitter", "POST", "/api/v1/claims", {
      json: { kind: "report", title: `Uploaded across servers ${Date.now().toString(36)}`, summary: "A resumable upload across servers.", language: "en" },
      allow: [201],
    })).body as { id: string; version: number };
    await api.call("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "accept", version: claim.version } });
    const file = Buffer.from(Array.from({ length: 50 * 1024 * 64 }, (_, i) => `line ${i.toString(36).padStart(8, "0")} of fifty MB\n`.slice(0, 16)).join(""));
    expect(file.length).toBe(50 * 1024 * 1024);
    const from = balancer.trail.length;
    await new Promise<void>((resolve, reject) => {
      new TusUpload(file, {
        endpoint: `${balancer.base}/api/v1/uploads`,
        headers: { Authorization: `Bearer ${token}` },
        metadata: { claimId: claim.id, filename: "fifty-mb.txt" },
        chunkSize: 5 * 1024 * 1024,
        retryDelays: [],
        onError: reject,
        onSuccess: () => resolve(),
      }).start();
    });
    // The creation and eleven bodies, answered by both servers in turn.
    const trail = balancer.trail.slice(from);
    expect(trail.length).toBeGreaterThanOrEqual(11);
    expect(new Set(trail)).toEqual(new Set([0, 1]));

    const items = await queryDatabase<{ id: string; sha256: string; intake: string }>(database.url, "select id, blob_sha256 as sha256, intake from evidence where claim_id = $1", [claim.id]);
    expect(items).toEqual([{ id: expect.any(String), sha256: sha256(file), intake: "resumable" }]);
    expect(await queryDatabase(database.url, "select size from blobs where sha256 = $1", [sha256(file)])).toEqual([{ size: String(file.length) }]);
    // The upload names its evidence (a repeated final request is answered with it) and its parts are gone.
    expect(await queryDatabase(database.url, "select evidence_id from resumable_uploads where metadata->>'claimId' = $1", [claim.id])).toEqual([{ evidence_id: items[0].id }]);
    expect(await queryDatabase(database.url, "select p.key from resumable_upload_parts p join resumable_uploads u on u.id = p.upload_id where u.metadata->>'claimId' = $1", [claim.id])).toEqual([]);
    const partsLeft = (dir: string): string[] =>
      fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? partsLeft(path.join(dir, e.name)) : [e.name])) : [];
    expect(partsLeft(path.join(s3Dir, "s3", "evidence", "uploads"))).toEqual([]);
    console.log(`[servers] a 50 MB upload in ${trail.length} requests across both servers: one item, one blob`);
  });

  test("an upload is finished once: a repeated final request on the other server gets the same evidence, and one a crash left whole is finished when its client asks", async () => {
    test.setTimeout(120_000);
    const token = a.tokens["reviewer@demo.test"];
    const claim = (await api.call("submitter", "POST", "/api/v1/claims", {
      json: { kind: "report", title: `Finished once ${Date.now().toString(36)}`, summary: "Final requests repeated across servers.", language: "en" },
      allow: [201],
    })).body as { id: string; version: number };
    await api.call("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "accept", version: claim.version } });
    const tus = (server: TestServer, method: string, url: string, headers: Record<string, string> = {}, body?: Buffer) =>
      fetch(url.startsWith("http") ? url.replace(/^http:\/\/[^/]+/, server.base) : `${server.base}${url}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Tus-Resumable": "1.0.0", ...headers },
        body: body === undefined ? undefined : new Uint8Array(body),
      });
    const create = async (length: number) => {
      const made = await tus(a, "POST", "/api/v1/uploads", {
        "Upload-Length": String(length),
        "Upload-Metadata": `claimId ${Buffer.from(claim.id).toString("base64")},filename ${Buffer.from("once.txt").toString("base64")}`,
      });
      expect(made.status, await made.clone().text()).toBe(201);
      return made.headers.get("location")!;
    };
    const patch = (server: TestServer, location: string, offset: number, body: Buffer) =>
      tus(server, "PATCH", location, { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }, body);

    // Where the file came from is checked at creation, before any byte is sent.
    const refused = await tus(b, "POST", "/api/v1/uploads", {
      "Upload-Length": "100",
      "Upload-Metadata": `claimId ${Buffer.from(claim.id).toString("base64")},isFirstHand ${Buffer.from("banana").toString("base64")}`,
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fieldErrors).toHaveProperty("isFirstHand");

    // The last body on A; the same final request, empty, repeated on B: the same evidence, once.
    const bytes = Buffer.from(`Finished once, whatever is repeated ${Date.now()}.\n`.repeat(40));
    const location = await create(bytes.length);
    const last = await patch(a, location, 0, bytes);
    expect(last.status).toBe(204);
    const evidenceId = last.headers.get("evidence-id");
    expect(evidenceId).toBeTruthy();
    const repeated = await patch(b, location, bytes.length, Buffer.alloc(0));
    expect(repeated.status).toBe(204);
    expect(repeated.headers.get("evidence-id")).toBe(evidenceId);
    expect(await queryDatabase(database.url, "select id from evidence where claim_id = $1", [claim.id])).toEqual([{ id: evidenceId }]);

    // Whole but never finished (what a crash between its last body and its finish leaves), made
    // here by shortening a declared length to what arrived: the client's HEAD finishes it.
    const stranded = Buffer.from(`Stranded, then finished ${Date.now()}.\n`.repeat(30));
    const second = await create(stranded.length * 2);
    expect((await patch(b, second, 0, stranded)).status).toBe(204);
    const id = second.split("/").pop()!;
    await queryDatabase(database.url, "update resumable_uploads set size = $2 where id = $1", [id, stranded.length]);
    const head = await tus(a, "HEAD", second);
    expect(head.status).toBe(200);
    expect(head.headers.get("upload-offset")).toBe(String(stranded.length));
    expect(head.headers.get("upload-length")).toBe(String(stranded.length));
    const items = await queryDatabase<{ sha256: string }>(database.url, "select blob_sha256 as sha256 from evidence where claim_id = $1 order by added_at", [claim.id]);
    expect(items.map((item) => item.sha256)).toEqual([sha256(bytes), sha256(stranded)]);
  });

  test("live changes and sign-in limits are every server's: a change on one is seen from the other, failures count across both", async () => {
    test.setTimeout(120_000);
    const reviewer = { Authorization: `Bearer ${a.tokens["reviewer@demo.test"]}` };
    const submitter = { Authorization: `Bearer ${a.tokens["submitter@demo.test"]}`, "Content-Type": "application/json" };
    const claim = (await (
      await fetch(`${a.base}/api/v1/claims`, { method: "POST", headers: submitter, body: JSON.stringify({ kind: "report", title: `Watched across servers ${Date.now()}`, summary: "Live changes across servers.", language: "en" }) })
    ).json()) as { id: string; version: number };
    // A page open on B knows the log up to here…
    const { next } = (await (await fetch(`${b.base}/api/v1/changes?claimId=${claim.id}`, { headers: reviewer })).json()) as { next: number };
    // …the editor accepts the claim on A…
    const accepted = await fetch(`${a.base}/api/v1/claims/${claim.id}/transitions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${a.tokens["editor@demo.test"]}`, "Content-Type": "application/json" },
      body: JSON.stringify({ action: "accept", version: claim.version }),
    });
    expect(accepted.status).toBe(200);
    // …and B's next answer says so.
    const seen = (await (await fetch(`${b.base}/api/v1/changes?claimId=${claim.id}&since=${next}`, { headers: reviewer })).json()) as { changes: { change: string; claimId: string }[] };
    expect(seen.changes).toEqual([expect.objectContaining({ change: "accept", claimId: claim.id })]);

    // Failed sign-ins through the balancer, alternating servers: the sixth is refused, as on one server.
    const email = `servers-limit-${Date.now()}@example.test`;
    const statuses: number[] = [];
    const from = balancer.trail.length;
    for (let attempt = 1; attempt <= 6; attempt++) {
      const csrf = await fetch(`${balancer.base}/api/auth/csrf`);
      const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const signIn = await fetch(`${balancer.base}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ email, password: `wrong-${attempt}`, csrfToken, callbackUrl: "/claims" }),
        redirect: "manual",
      });
      statuses.push(signIn.status);
    }
    expect(new Set(balancer.trail.slice(from)), "both servers took sign-ins").toEqual(new Set([0, 1]));
    expect(statuses.slice(0, 4).filter((status) => status === 429), `statuses ${statuses.join(", ")}`).toEqual([]);
    expect(statuses[5], `statuses ${statuses.join(", ")}`).toBe(429);
  });

  test("a server killed outright under load: the other answers, nothing answered is lost or doubled, the chain verifies", async () => {
    test.setTimeout(180_000);
    const titles: { title: string; status: number; started: number }[] = [];
    let stop = false;
    let killedAt = 0;
    let goneAt = Infinity;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const title = `Load across servers ${n}-${i}-${Date.now().toString(36)}`;
        const started = Date.now();
        const call = await api.call("submitter", "POST", "/api/v1/claims", {
          json: { kind: "statement", title, summary: "Sent while a server was killed.", language: "en" },
          allow: [201, 502],
        });
        titles.push({ title, status: call.status, started });
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(client));
    await expect.poll(() => titles.length, { timeout: 60_000 }).toBeGreaterThan(20);
    killedAt = titles.length;
    await a.kill();
    goneAt = Date.now();
    await expect.poll(() => titles.length - killedAt, { timeout: 60_000 }).toBeGreaterThan(30);
    stop = true;
    await load;

    // Only requests A held as it died may have no answer (four clients: four at most); every one
    // sent once A was gone was answered, by B.
    const cut = titles.filter((t) => t.status !== 201);
    expect(cut.length, JSON.stringify(cut)).toBeLessThanOrEqual(4);
    expect(titles.filter((t) => t.started > goneAt && t.status !== 201)).toEqual([]);
    const rows = await queryDatabase<{ title: string; n: number }>(database.url, "select title, count(*)::int as n from claims where title like 'Load across servers %' group by title");
    const counts = new Map(rows.map((row) => [row.title, row.n]));
    expect(titles.filter((t) => t.status === 201 && counts.get(t.title) !== 1), "answered submissions, each once").toEqual([]);
    expect(rows.filter((row) => row.n > 1), "nothing doubled").toEqual([]);
    const { verified } = await expectWholeChain(api);
    console.log(`[servers] killed A after ${killedAt} submissions; ${titles.length} in all, ${cut.length} cut; the chain verifies over ${verified.events} events`);
  });

  test("SIGTERM with uploads in flight, and a Ctrl-C right after (the group's and the launcher's copies): each upload finishes, then the server exits", async () => {
    test.setTimeout(120_000);
    const claim = (await api.call("submitter", "POST", "/api/v1/claims", {
      json: { kind: "report", title: `Drained ${Date.now().toString(36)}`, summary: "Uploads in flight at shutdown.", language: "en" },
      allow: [201],
    })).body as { id: string; version: number };
    await api.call("reviewer", "POST", `/api/v1/claims/${claim.id}/transitions`, { json: { action: "accept", version: claim.version } });
    // Uploads that take about three seconds each to send, begun before the signal.
    const slowUpload = (n: number) =>
      new Promise<{ status: number; sha: string; answer: string }>((resolve, reject) => {
        const bytes = Buffer.from(`Sent slowly, in flight at shutdown ${n} ${Date.now()}.\n`.repeat(4000));
        const boundary = `----drained${n}`;
        const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="drained-${n}.txt"\r\nContent-Type: text/plain\r\n\r\n`);
        const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
        const body = Buffer.concat([head, bytes, tail]);
        const request = http.request(`${b.base}/api/v1/claims/${claim.id}/evidence`, {
          method: "POST",
          headers: { Authorization: `Bearer ${a.tokens["reviewer@demo.test"]}`, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": body.length },
        });
        request.on("response", (response) => {
          let answer = "";
          response.on("data", (c) => (answer += c));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, sha: sha256(bytes), answer }));
        });
        request.on("error", reject);
        const pieces = 12;
        const size = Math.ceil(body.length / pieces);
        let i = 0;
        const sendPiece = () => {
          request.write(body.subarray(i * size, (i + 1) * size));
          i += 1;
          if (i < pieces) setTimeout(sendPiece, 250);
          else request.end();
        };
        sendPiece();
      });
    const uploads = [0, 1, 2, 3].map(slowUpload);
    await sleep(600);
    const signalled = Date.now();
    // What an orchestrator does (to the whole group here: the launcher forwards its copy too)…
    process.kill(-b.pgid, "SIGTERM");
    // …and an operator's Ctrl-C a moment later, which a terminal sends to every process of the group.
    await sleep(100);
    process.kill(-b.pgid, "SIGINT");
    const exit = new Promise<number | null>((resolve) => (b.child.exitCode !== null ? resolve(b.child.exitCode) : b.child.on("exit", (code) => resolve(code))));
    const answers = await Promise.all(uploads);
    for (const answer of answers) {
      expect(answer.status, answer.answer).toBe(201);
      expect((JSON.parse(answer.answer) as { sha256: string }).sha256).toBe(answer.sha);
    }
    const code = await exit;
    const took = Date.now() - signalled;
    expect(code, b.stderr()).toBe(0);
    expect(took).toBeLessThan(25_000);
    console.log(`[servers] B finished ${answers.length} uploads in flight and exited ${took} ms after SIGTERM`);
    // What B answered is there.
    const listed = await queryDatabase<{ sha256: string }>(database.url, "select blob_sha256 as sha256 from evidence where claim_id = $1", [claim.id]);
    expect(listed.map((row) => row.sha256).sort()).toEqual(answers.map((answer) => answer.sha).sort());
  });

  test("the job workers apart stop on SIGTERM once their current job is done", async () => {
    for (const worker of workers) {
      const exited = new Promise<number | null>((resolve) => worker.group.child.once("exit", (code) => resolve(code)));
      const signalled = Date.now();
      // The signal goes to the worker itself: one process, no launcher between that could kill it
      // when it is slow to acknowledge (tsx's command line did, exit 143, on a loaded machine).
      const signalledProcess = readProcess(worker.group.child.pid!)?.command ?? "";
      expect(signalledProcess).toContain("lib/cli/worker.ts");
      expect(signalledProcess).not.toContain("tsx/dist/cli");
      worker.group.child.kill("SIGTERM");
      expect(await exited, worker.output()).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(25_000);
      expect(worker.output()).toContain("SIGTERM: finishing the jobs running");
    }
  });
});
