/**
 * `npm run bench`: the queue, intake and audit paths over a generated workspace (e2e/bench/scale-seed.ts,
 * 100,000 claims and about 1.1 million audit events by default), on a production build, on PGlite
 * and — when DATABASE_URL is set — on PostgreSQL too (in a database of its own made beside the one
 * DATABASE_URL names, dropped at the end). Every figure is a ratio to a baseline measured in the
 * same run, because absolute times on a shared machine drift:
 *
 * 1. The review queue under load (autocannon, 16 connections): the API's first page, a deep cursor
 *    page and the queue page itself (HTML, signed in), against `GET /api/v1/health` with a token
 *    (authenticated, does nothing) under the same load. Aim ≥ 0.5 of its requests/s. The sign-in
 *    page (HTML that reads nothing) is measured too: what any server-rendered page costs here.
 * 2. Claim submission and a transition (accept) under the same load, same ratio. Aim ≥ 0.3.
 * 3. Audit chain verification: events/s, as a ratio to hashing the same bytes with node's crypto
 *    alone (aim ≥ 0.5), and to reading the same rows without hashing them; its memory, to show it
 *    streams.
 * 4. Full-text search (English and Arabic words) under the same load: p95 as a ratio to the
 *    queue's first page.
 * 5. Server memory (the server process tree's RSS; PostgreSQL's own processes not counted) at idle
 *    and at its peak under load.
 *
 * Prints one table and writes e2e/bench/results/<date>.json.
 * Options: --claims N (100000), --seconds S per load run (10), --connections C (16),
 * --drivers pglite,postgres (both when DATABASE_URL is set).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { sql } from "drizzle-orm";
import { connectPglite, connectPostgres, type Database, rowsOf } from "@/db/connect";
import { encodeCursor } from "@/lib/validation/cursor";
import { newDataDir, removeDataDir, startServer, type TestServer } from "../support/server";
import { type ScaleSeedCounts, seedScale } from "./scale-seed";
import { mb, treeRss } from "./support";
import { benchVerifier, type VerifyFigures } from "./verifier-figures";
import { startWatchdog } from "./watchdog";

const { values: args } = parseArgs({
  options: {
    claims: { type: "string", default: "100000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    drivers: { type: "string" },
  },
});
const CLAIMS = Number(args.claims);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PG_URL = process.env.DATABASE_URL;
const DRIVERS = (args.drivers ?? (PG_URL ? "pglite,postgres" : "pglite")).split(",") as ("pglite" | "postgres")[];
if (!Number.isInteger(CLAIMS) || CLAIMS < 100 || !(SECONDS > 0) || !(CONNECTIONS > 0) || DRIVERS.some((d) => d !== "pglite" && d !== "postgres")) {
  console.error("Usage: npm run bench -- [--claims N ≥ 100] [--seconds S] [--connections C] [--drivers pglite,postgres]");
  process.exit(2);
}
if (DRIVERS.includes("postgres") && !PG_URL) {
  console.error("PostgreSQL needs DATABASE_URL (a server where this user may create a database).");
  process.exit(2);
}
const DEMO_PASSWORD = "corroborate-demo";
const SEARCHES = ["Baniyas", "executions Qardaha", "mass grave", "مجزرة", "بانياس", "convoy coastal road", "Jableh arrests", "قصف طرطوس"];

const watchdog = startWatchdog();
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error("cleanup:", error);
    }
  }
}
let running: autocannon.Instance | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    running?.stop();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------- load runs ----------

type Load = { rps: number; p50: number; p95: number; p99: number; requests: number; non2xx: number; errors: number; statuses: Record<string, number> };

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** `requests` cycled over 16 connections for SECONDS; latencies from every response (autocannon has no p95). */
function load(base: string, requests: autocannon.Request[], headers: Record<string, string>, seconds = SECONDS): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let non2xx = 0;
    const statuses: Record<string, number> = {};
    const instance = autocannon({ url: base, connections: CONNECTIONS, duration: seconds, headers, requests, timeout: 30 }, (error, result) => {
      running = undefined;
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({
        // Only answers that did the work count: a refused request is not throughput.
        rps: (result.requests.total - non2xx) / (result.duration || seconds),
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        requests: result.requests.total,
        non2xx,
        statuses,
        errors: result.errors + result.timeouts,
      });
    });
    running = instance;
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status < 200 || status >= 300) non2xx += 1;
    });
  });
}

/** Sample the server tree's RSS while `work` runs; the peak. */
async function peakRss<T>(server: TestServer, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = treeRss(server.child);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(server.child))), 200);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, treeRss(server.child)) };
  } finally {
    clearInterval(timer);
  }
}

/** A session cookie for the demo reviewer, through Auth.js's own endpoints. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = (csrf.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/claims" }),
    redirect: "manual",
  });
  const session = (response.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).find((c) => c.includes("authjs.session-token"));
  if (!session) throw new Error(`could not sign in as ${email} (${response.status})`);
  return session;
}

// ---------- one driver ----------

type Row = { scenario: string; rps?: number; p50?: number; p95?: number; p99?: number; ratio?: number; of?: string; aim?: string; met?: boolean; note?: string };
type DriverResult = { driver: string; seed: ScaleSeedCounts & { seconds: number }; verify: VerifyFigures; memory: { idleMb: number; peakUnderLoadMb: number }; rows: Row[]; loads: Record<string, Load> };

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `corroborate_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function benchDriver(driver: "pglite" | "postgres"): Promise<DriverResult> {
  console.log(`\n== ${driver === "pglite" ? "PGlite (embedded)" : "PostgreSQL"} ==`);
  const dataDir = newDataDir();
  watchdog.remove(dataDir);
  cleanups.push(() => removeDataDir(dataDir));
  let databaseUrl: string | undefined;
  if (driver === "postgres") {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    cleanups.push(created.drop);
  }

  // Seed and verify in this process, before the server opens the database.
  const database = driver === "postgres" ? connectPostgres(databaseUrl!) : connectPglite(path.join(dataDir, "pglite"));
  await database.migrate();
  console.log(`Seeding ${CLAIMS.toLocaleString("en")} claims…`);
  let started = performance.now();
  const counts = await seedScale(database.db, { claims: CLAIMS, log: (line) => console.log(line) });
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(`Seeded in ${seedSeconds.toFixed(0)} s. Verifying the audit chain…`);
  const verify = await benchVerifier(database);
  console.log(`  ${verify.events.toLocaleString("en")} events: verified at ${Math.round(verify.verifyEventsPerSecond).toLocaleString("en")}/s, read alone ${Math.round(verify.readOnlyEventsPerSecond).toLocaleString("en")}/s, hashed alone ${Math.round(verify.hashOnlyEventsPerSecond).toLocaleString("en")}/s`);
  // Load targets: a deep page of the triage queue and triage claims to accept.
  const [deep] = rowsOf<{ id: string; created_at: string | Date }>(
    await database.db.execute(sql`select id, created_at from claims where state = 'triage' order by created_at, id offset ${Math.floor(CLAIMS * 0.3 * 0.9)} limit 1`),
  );
  const toAccept = rowsOf<{ id: string }>(await database.db.execute(sql`select id from claims where state = 'triage' and version = 1 order by created_at desc limit 20000`)).map((r) => r.id);
  await database.close();

  console.log("Starting the server…");
  started = performance.now();
  // Empty DATABASE_URL for PGlite: the bench's own DATABASE_URL (for the PostgreSQL run) must not
  // leak into the PGlite server's environment, or it would serve PostgreSQL instead of the folder.
  const server = await startServer(dataDir, { WORKER: "off", DATABASE_URL: databaseUrl ?? "" }, 300_000);
  watchdog.kill(server.child.pid);
  cleanups.push(() => server.stop());
  console.log(`  up in ${((performance.now() - started) / 1000).toFixed(0)} s on ${server.base}`);
  const token = (email: string) => ({ authorization: `Bearer ${server.tokens[email]}` });
  const reviewer = token("reviewer@demo.test");
  const submitter = token("submitter@demo.test");
  const cookie = await signIn(server.base, "reviewer@demo.test");
  // The server must see the generated workspace, not only the demo's few claims.
  const seen = (await (await fetch(`${server.base}/api/v1/claims?limit=1`, { headers: reviewer })).json()) as { counts: Record<string, number> };
  const seenClaims = Object.values(seen.counts).reduce((a, b) => a + b, 0);
  if (seenClaims < CLAIMS) throw new Error(`the server sees ${seenClaims} claims, not the ${CLAIMS} generated`);
  const probe = await fetch(`${server.base}/api/v1/claims/${toAccept[0]}`, { headers: reviewer });
  if (!probe.ok) throw new Error(`the server answers ${probe.status} for a generated triage claim (${toAccept[0]}): ${(await probe.text()).slice(0, 200)}`);
  const deepCursor = encodeCursor([new Date(deep.created_at).toISOString(), deep.id]);

  // Warm every path once (first requests compile routes and fill caches), then measure idle memory.
  for (const url of ["/api/v1/health", "/api/v1/claims?state=triage", `/api/v1/claims?state=triage&cursor=${encodeURIComponent(deepCursor)}`, `/api/v1/claims?q=${encodeURIComponent(SEARCHES[0])}`]) {
    const response = await fetch(`${server.base}${url}`, { headers: reviewer });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  }
  const page = await fetch(`${server.base}/claims?state=triage`, { headers: { cookie } });
  if (!page.ok || !(await page.text()).includes("Review queue")) throw new Error(`the queue page answered ${page.status} without the queue`);
  await load(server.base, [{ method: "GET", path: "/api/v1/claims?state=triage" }], reviewer, 3);
  await new Promise((r) => setTimeout(r, 3000));
  const idle = treeRss(server.child);

  const loads: Record<string, Load> = {};
  const run = async (name: string, requests: autocannon.Request[], headers: Record<string, string>) => {
    process.stdout.write(`  ${name.padEnd(30)} `);
    const { result, peak } = await peakRss(server, () => load(server.base, requests, headers));
    loads[name] = result;
    peakLoad = Math.max(peakLoad, peak);
    console.log(`${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(0)} ms  p95 ${result.p95.toFixed(0)} ms  p99 ${result.p99.toFixed(0)} ms${result.non2xx || result.errors ? `  (${result.non2xx} non-2xx: ${JSON.stringify(result.statuses)}; ${result.errors} errors)` : ""}`);
    return result;
  };
  let peakLoad = idle;
  console.log(`Load: ${CONNECTIONS} connections, ${SECONDS} s each`);
  const health = await run("health (token)", [{ method: "GET", path: "/api/v1/health" }], reviewer);
  const first = await run("queue API, first page", [{ method: "GET", path: "/api/v1/claims?state=triage" }], reviewer);
  const deepPage = await run("queue API, deep cursor page", [{ method: "GET", path: `/api/v1/claims?state=triage&cursor=${encodeURIComponent(deepCursor)}` }], reviewer);
  const queuePage = await run("queue page (HTML)", [{ method: "GET", path: "/claims?state=triage" }], { cookie });
  const signInPage = await run("sign-in page (HTML, no data)", [{ method: "GET", path: "/login" }], {});
  const search = await run("search (8 queries, en + ar)", SEARCHES.map((q) => ({ method: "GET" as const, path: `/api/v1/claims?q=${encodeURIComponent(q)}` })), reviewer);
  let submitted = 0;
  const submit = await run("submit a claim", [
    {
      method: "POST",
      path: "/api/v1/claims",
      setupRequest: (req) => ({
        ...req,
        headers: { ...req.headers, "content-type": "application/json" },
        body: JSON.stringify({ kind: "report", title: `Load test claim ${++submitted} in Baniyas`, summary: "Submitted under load by the scale bench.", language: "en" }),
      }),
    },
  ], submitter);
  let accepted = 0;
  const transition = await run("transition (accept)", [
    {
      method: "POST",
      path: "/api/v1/claims",
      setupRequest: (req) => {
        const id = toAccept[accepted++ % toAccept.length];
        return { ...req, path: `/api/v1/claims/${id}/transitions`, headers: { ...req.headers, "content-type": "application/json" }, body: JSON.stringify({ action: "accept", version: 1 }) };
      },
    },
  ], reviewer);
  if (accepted > toAccept.length) console.log(`  (the transition run asked for more than the ${toAccept.length} triage claims: later requests were refused as conflicts)`);
  await server.stop();

  const ratio = (l: Load) => l.rps / health.rps;
  const rows: Row[] = [
    { scenario: "health (token), the baseline", ...pick(health), ratio: 1, of: "itself" },
    { scenario: "queue API, first page", ...pick(first), ratio: ratio(first), of: "health req/s", aim: "≥ 0.5", met: ratio(first) >= 0.5 },
    { scenario: "queue API, deep cursor page", ...pick(deepPage), ratio: ratio(deepPage), of: "health req/s", aim: "≥ 0.5", met: ratio(deepPage) >= 0.5 },
    { scenario: "queue page (HTML)", ...pick(queuePage), ratio: ratio(queuePage), of: "health req/s", aim: "≥ 0.5", met: ratio(queuePage) >= 0.5 },
    { scenario: "queue page / sign-in page", ...pick(signInPage), ratio: queuePage.rps / signInPage.rps, of: "a page that reads nothing (its figures shown)" },
    { scenario: "submit a claim", ...pick(submit), ratio: ratio(submit), of: "health req/s", aim: "≥ 0.3", met: ratio(submit) >= 0.3 },
    { scenario: "transition (accept)", ...pick(transition), ratio: ratio(transition), of: "health req/s", aim: "≥ 0.3", met: ratio(transition) >= 0.3 },
    { scenario: "search, p95", ...pick(search), ratio: search.p95 / first.p95, of: "queue first page p95" },
    {
      scenario: "audit verify, events/s",
      rps: verify.verifyEventsPerSecond,
      ratio: verify.ratioToHashing,
      of: "hashing alone",
      aim: "≥ 0.5",
      met: verify.ratioToHashing >= 0.5,
      note: `${verify.ratioToReading.toFixed(2)}× reading alone; heap +${verify.verifierHeapGrowthMb.toFixed(0)} MB`,
    },
    { scenario: "server memory", note: `idle ${mb(idle).toFixed(0)} MB, peak under load ${mb(peakLoad).toFixed(0)} MB` },
  ];
  return { driver, seed: { ...counts, seconds: seedSeconds }, verify, memory: { idleMb: mb(idle), peakUnderLoadMb: mb(peakLoad) }, rows, loads };
}

function pick(l: Load) {
  return { rps: l.rps, p50: l.p50, p95: l.p95, p99: l.p99 };
}

function table(results: DriverResult[]): string {
  const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? "" : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const lines = [
    "| database | scenario | req/s (events/s) | p50 ms | p95 ms | p99 ms | ratio | of | aim | met |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
  ];
  for (const r of results) {
    for (const row of r.rows) {
      lines.push(
        `| ${r.driver} | ${row.scenario} | ${fmt(row.rps)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${fmt(row.ratio, 2)} | ${row.of ?? ""}${row.note ? ` (${row.note})` : ""} | ${row.aim ?? ""} | ${row.met === undefined ? "" : row.met ? "yes" : "**no**"} |`,
      );
    }
  }
  return lines.join("\n");
}

async function main() {
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.type()} ${os.release()}` };
  console.log(`Scale bench: ${CLAIMS.toLocaleString("en")} claims, ${CONNECTIONS} connections, ${SECONDS} s a run, on ${DRIVERS.join(" and ")}`);
  console.log(`Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}`);
  if (!DRIVERS.includes("postgres")) console.log("(PostgreSQL not measured: set DATABASE_URL to include it.)");
  const results: DriverResult[] = [];
  for (const driver of DRIVERS) {
    results.push(await benchDriver(driver));
    await cleanup();
  }
  const markdown = table(results);
  console.log(`\n${markdown}\n`);
  const dir = path.join("e2e", "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, options: { claims: CLAIMS, seconds: SECONDS, connections: CONNECTIONS }, results }, null, 2)}\n`);
  console.log(`Written to ${file}`);
}

main()
  .catch(async (error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
  });
