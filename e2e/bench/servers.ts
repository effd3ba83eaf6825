/**
 * `npm run bench:servers`: does a second app server add throughput? Two servers on one PostgreSQL
 * (DATABASE_URL names the cluster; the bench makes a database of its own and drops it), the queue
 * API's first page and a claim submission under autocannon: first against one server with
 * CONNECTIONS connections, then against two servers with half the connections each (two
 * autocannon runs at once, their requests/s added; a balancer's own cost is left out). The
 * baseline, measured the same way in the same run, is `GET /api/v1/health` with a token
 * (authenticated, does nothing). Prints requests/s, p95 and the two-to-one ratio of each.
 *
 * On this machine's two cores the load generator, both servers and PostgreSQL share the same CPUs,
 * so the ratio says what the software adds (no lock or shared state serialising the servers), not
 * what two machines would. Options: --seconds S per run (8), --connections C (16).
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createScratchDatabase } from "@/lib/test/scratch-database";
import { newDataDir, removeDataDir, startServer, type TestServer } from "../support/server";
import { treeCpuSeconds } from "./support";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "8" }, connections: { type: "string", default: "16" } } });
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

type Run = { rps: number; p95: number; non2xx: number };

function run(base: string, request: autocannon.Request, headers: Record<string, string>, connections: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    let non2xx = 0;
    const latencies: number[] = [];
    const instance = autocannon({ url: base, connections, duration: SECONDS, headers, requests: [request], timeout: 30 }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({ rps: (result.requests.total - non2xx) / (result.duration || SECONDS), p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN, non2xx });
    });
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status >= 300) non2xx += 1;
    });
  });
}

/** The same load spread over `servers` (CONNECTIONS in all), run at once; requests/s added, the worse p95. */
async function spread(servers: TestServer[], request: autocannon.Request, headers: Record<string, string>): Promise<Run & { cpu: number }> {
  const cpuBefore = servers.map((s) => treeCpuSeconds(s.child));
  const runs = await Promise.all(servers.map((s) => run(s.base, request, headers, Math.max(1, Math.round(CONNECTIONS / servers.length)))));
  const cpu = servers.reduce((sum, s, i) => sum + treeCpuSeconds(s.child) - cpuBefore[i], 0);
  return { rps: runs.reduce((sum, r) => sum + r.rps, 0), p95: Math.max(...runs.map((r) => r.p95)), non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0), cpu: cpu / SECONDS };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("bench:servers needs PostgreSQL: set DATABASE_URL (source .ci/pg-cluster.sh start; DATABASE_URL=$TEST_DATABASE_URL)");
  const scratch = await createScratchDatabase(url, "corroborate_bench_servers");
  const dirs = [newDataDir(), newDataDir()];
  const servers: TestServer[] = [];
  try {
    const env = { DATABASE_URL: scratch.url, AUTH_SECRET: "bench-servers-shared-secret-0123456789", LOG_LEVEL: "error" };
    servers.push(await startServer(dirs[0], env, 240_000));
    servers.push(await startServer(dirs[1], env, 240_000));
    const reviewer = { Authorization: `Bearer ${servers[0].tokens["reviewer@demo.test"]}` };
    const submitter = { Authorization: `Bearer ${servers[0].tokens["submitter@demo.test"]}`, "Content-Type": "application/json" };
    const scenarios: { name: string; request: autocannon.Request; headers: Record<string, string> }[] = [
      { name: "health (token, does nothing)", request: { method: "GET", path: "/api/v1/health" }, headers: reviewer },
      { name: "queue API, first page", request: { method: "GET", path: "/api/v1/claims?state=triage" }, headers: reviewer },
      {
        name: "submit a claim",
        request: { method: "POST", path: "/api/v1/claims", body: JSON.stringify({ kind: "statement", title: "Bench claim across servers", summary: "Written by bench:servers.", language: "en" }) },
        headers: submitter,
      },
    ];
    // Warm both servers' code paths first.
    for (const s of scenarios) await spread(servers, s.request, s.headers);
    console.log(`\nbench:servers — ${CONNECTIONS} connections, ${SECONDS} s per run, PostgreSQL, ${(await import("node:os")).cpus().length} cores\n`);
    console.log("| scenario | one server req/s | p95 ms | server CPU (cores) | two servers req/s | p95 ms | server CPU (cores) | two ÷ one |");
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const s of scenarios) {
      const one = await spread([servers[0]], s.request, s.headers);
      const two = await spread(servers, s.request, s.headers);
      const bad = one.non2xx + two.non2xx ? ` (${one.non2xx + two.non2xx} non-2xx)` : "";
      console.log(
        `| ${s.name}${bad} | ${one.rps.toFixed(0)} | ${one.p95.toFixed(0)} | ${one.cpu.toFixed(2)} | ${two.rps.toFixed(0)} | ${two.p95.toFixed(0)} | ${two.cpu.toFixed(2)} | ${(two.rps / one.rps).toFixed(2)} |`,
      );
    }
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    for (const dir of dirs) removeDataDir(dir);
    await scratch.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
