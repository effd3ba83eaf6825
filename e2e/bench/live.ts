/**
 * `npm run bench:live`: what 50 open pages cost the server when each asks every 5 s what others
 * changed (`GET /api/v1/changes`, components/live/live-changes.tsx), on a production build with the
 * demo seed, beside baselines measured in the same run. No asserts: it prints figures.
 *
 * Every phase runs for BENCH_SECONDS with the same writer (one change every 2 s: the editor grades
 * the demo's claim in corroboration, the submitter submits a claim — so answers do carry changes),
 * and measures the server's CPU (its process tree, /proc), its memory, and the requests' rate,
 * p50, p95 and failures:
 *
 *   idle            no page open: what the writer alone costs
 *   health / 5 s    50 pages asking `GET /api/v1/health` every 5 s: a request that does nothing
 *   changes / 5 s   50 pages asking for changes every 5 s, as the component does (half on the
 *                   claim, half on the queue; reviewer and editor sessions), each from the `next`
 *                   of its last answer
 *   reload / 5 s    50 pages reloading the claim page every 5 s: what the notice spares
 *
 * and then how many requests the server can answer at all (closed loop, 50 connections, no pause):
 * the changes read against the health check. The cost of the live notices is "changes / 5 s" less
 * "idle", per page and per request.
 *
 * Environment: BENCH_SECONDS (20), BENCH_PAGES (50), BENCH_EVERY_MS (5000), BENCH_CAPACITY_SECONDS (10).
 */
import { mb, signInCookie, startBenchServer, treeCpuSeconds, treeRss } from "./support";
import { startWatchdog } from "./watchdog";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PAGES = Number(process.env.BENCH_PAGES ?? 50);
const EVERY_MS = Number(process.env.BENCH_EVERY_MS ?? 5000);
const CAPACITY_SECONDS = Number(process.env.BENCH_CAPACITY_SECONDS ?? 10);
const WRITE_EVERY_MS = 2000;

type Server = Awaited<ReturnType<typeof startBenchServer>>;
type Sample = { ms: number; status: number };
type Figures = { label: string; requests: number; rps: number; p50: number; p95: number; max: number; failed: number; cpuPercent: number; cpuMsPerRequest: number; rssMb: number };

const watchdog = startWatchdog();
let server: Server | undefined;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping = true;
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One request, timed; the body is read to the end, as a browser would. */
async function timed(url: string, headers: Record<string, string>): Promise<Sample & { body: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  } catch {
    return { ms: performance.now() - started, status: 0, body: "" };
  }
}

/**
 * `pages` pages, each sending its next request `every` ms after the last was sent (or at once when
 * one took longer), their first ones spread over the first interval; for `seconds`. `every` 0: a
 * closed loop, each page asking again as soon as it has its answer.
 */
async function openPages(pages: number, every: number, seconds: number, ask: (page: number) => Promise<Sample>): Promise<Sample[]> {
  const samples: Sample[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: pages }, async (_, page) => {
      if (every) await sleep((page / pages) * every);
      while (!stopping && performance.now() < deadline) {
        const started = performance.now();
        samples.push(await ask(page));
        const rest = every - (performance.now() - started);
        if (rest > 0) await sleep(Math.min(rest, Math.max(0, deadline - performance.now())));
      }
    }),
  );
  return samples;
}

/** Runs `work` for a phase, measuring the server's CPU and memory around it. */
async function phase(label: string, work: () => Promise<Sample[]>): Promise<Figures> {
  const cpuBefore = treeCpuSeconds(server!.child);
  const started = performance.now();
  const samples = await work();
  const elapsed = (performance.now() - started) / 1000;
  const cpu = treeCpuSeconds(server!.child) - cpuBefore;
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const figures: Figures = {
    label,
    requests: samples.length,
    rps: samples.length / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? NaN,
    failed: samples.filter((s) => s.status !== 200).length,
    cpuPercent: (cpu / elapsed) * 100,
    cpuMsPerRequest: samples.length ? (cpu * 1000) / samples.length : NaN,
    rssMb: mb(treeRss(server!.child)),
  };
  console.log(
    `  ${label.padEnd(26)} ${figures.rps.toFixed(1).padStart(7)} req/s  p50 ${figures.p50.toFixed(1).padStart(6)} ms  p95 ${figures.p95.toFixed(1).padStart(6)} ms  ` +
      `failed ${figures.failed}  server CPU ${figures.cpuPercent.toFixed(1).padStart(5)} % of a core  RSS ${figures.rssMb.toFixed(0)} MB`,
  );
  return figures;
}

/** One change every 2 s until stopped: the editor grades the claim in corroboration, or the submitter submits one. */
function startWriter(base: string, tokens: Record<string, string>, claimId: string) {
  let running = true;
  let writes = 0;
  let failures = 0;
  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}`, "content-type": "application/json" });
  const done = (async () => {
    const grades = ["probable", "contested"];
    while (running && !stopping) {
      const started = performance.now();
      try {
        if (writes % 2 === 0) {
          const claim = (await (await fetch(`${base}/api/v1/claims/${claimId}`, { headers: as("editor@demo.test") })).json()) as { version: number };
          const response = await fetch(`${base}/api/v1/claims/${claimId}/grade`, {
            method: "PUT",
            headers: as("editor@demo.test"),
            body: JSON.stringify({ grade: grades[(writes / 2) % 2], rationale: "Graded by the live bench.", version: claim.version }),
          });
          if (!response.ok) failures++;
        } else {
          const response = await fetch(`${base}/api/v1/claims`, {
            method: "POST",
            headers: as("submitter@demo.test"),
            body: JSON.stringify({ kind: "report", title: `Live bench claim ${writes}`, summary: "Submitted by the live bench.", language: "en" }),
          });
          if (response.status !== 201) failures++;
        }
      } catch {
        failures++;
      }
      writes++;
      await sleep(Math.max(0, WRITE_EVERY_MS - (performance.now() - started)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { writes, failures };
    },
  };
}

async function main() {
  server = await startBenchServer({ WORKER: "off" });
  watchdog.kill(server.child.pid);
  watchdog.remove(server.dataDir);
  const { base, tokens } = server;
  console.log(`(server up on ${base})`);

  const reviewer = await signInCookie(base, "reviewer@demo.test");
  const editor = await signInCookie(base, "editor@demo.test");
  const sessions = [reviewer, editor];
  const queue = (await (await fetch(`${base}/api/v1/claims?state=corroboration`, { headers: { authorization: `Bearer ${tokens["reviewer@demo.test"]}` } })).json()) as {
    items: { id: string }[];
  };
  const claimId = queue.items[0]?.id;
  if (!claimId) throw new Error("The demo seed has no claim in corroboration: nothing to watch");
  // Warm every path once: the first request of a route compiles nothing in production, but fills caches.
  for (const cookie of sessions) {
    await timed(`${base}/api/v1/changes?claimId=${claimId}`, { cookie });
    await timed(`${base}/claims/${claimId}`, { cookie });
  }
  await timed(`${base}/api/v1/health`, {});

  console.log(`\n${PAGES} open pages, one request each every ${EVERY_MS / 1000} s, ${SECONDS} s per phase; a writer changes something every ${WRITE_EVERY_MS / 1000} s throughout`);
  const writer = startWriter(base, tokens, claimId);
  const idle = await phase("idle (writer only)", async () => {
    await sleep(SECONDS * 1000);
    return [];
  });
  const health = await phase("health / 5 s", () => openPages(PAGES, EVERY_MS, SECONDS, () => timed(`${base}/api/v1/health`, {})));

  // Each page starts from the head, as a rendered page does, and asks from its last `next`.
  const since: number[] = [];
  let changesSeen = 0;
  for (let page = 0; page < PAGES; page++) {
    const answer = await timed(`${base}/api/v1/changes`, { cookie: sessions[page % 2] });
    since[page] = (JSON.parse(answer.body) as { next: number }).next;
  }
  const askChanges = async (page: number) => {
    const query = new URLSearchParams({ since: String(since[page]), ...(page < PAGES / 2 ? { claimId } : {}) });
    const answer = await timed(`${base}/api/v1/changes?${query}`, { cookie: sessions[page % 2] });
    if (answer.status === 200) {
      const { changes, next } = JSON.parse(answer.body) as { changes: unknown[]; next: number };
      since[page] = next;
      changesSeen += changes.length;
    }
    return answer;
  };
  const changes = await phase("changes / 5 s", () => openPages(PAGES, EVERY_MS, SECONDS, askChanges));
  const reload = await phase("reload claim page / 5 s", () =>
    openPages(PAGES, EVERY_MS, SECONDS, (page) => timed(`${base}/claims/${claimId}`, { cookie: sessions[page % 2] })),
  );
  const { writes, failures } = await writer.stop();
  console.log(`  (the writer made ${writes} changes, ${failures} refused; the pages were told of ${changesSeen} changes by others)`);

  console.log(`\nCapacity: ${PAGES} connections asking without pause, ${CAPACITY_SECONDS} s each`);
  const capacityChanges = await phase("changes, closed loop", () => openPages(PAGES, 0, CAPACITY_SECONDS, askChanges));
  const capacityHealth = await phase("health, closed loop", () => openPages(PAGES, 0, CAPACITY_SECONDS, () => timed(`${base}/api/v1/health`, {})));

  const extra = (f: Figures) => f.cpuPercent - idle.cpuPercent;
  const perPage = (f: Figures) => (extra(f) / 100) * 1000 / PAGES; // ms of CPU per second per open page
  const rows: string[][] = [
    ["measure", "changes / 5 s", "health / 5 s", "reload / 5 s", "idle"],
    ["req/s", changes.rps.toFixed(1), health.rps.toFixed(1), reload.rps.toFixed(1), "—"],
    ["p50 / p95 ms", `${changes.p50.toFixed(1)} / ${changes.p95.toFixed(1)}`, `${health.p50.toFixed(1)} / ${health.p95.toFixed(1)}`, `${reload.p50.toFixed(1)} / ${reload.p95.toFixed(1)}`, "—"],
    ["failed", String(changes.failed), String(health.failed), String(reload.failed), "—"],
    ["server CPU, % of a core", changes.cpuPercent.toFixed(1), health.cpuPercent.toFixed(1), reload.cpuPercent.toFixed(1), idle.cpuPercent.toFixed(1)],
    ["… above idle", extra(changes).toFixed(1), extra(health).toFixed(1), extra(reload).toFixed(1), "0"],
    ["CPU ms per request above idle", (extra(changes) * 10 / changes.rps).toFixed(2), (extra(health) * 10 / health.rps).toFixed(2), (extra(reload) * 10 / reload.rps).toFixed(2), "—"],
    ["CPU ms per second per open page", perPage(changes).toFixed(2), perPage(health).toFixed(2), perPage(reload).toFixed(2), "—"],
    ["server RSS MB", changes.rssMb.toFixed(0), health.rssMb.toFixed(0), reload.rssMb.toFixed(0), idle.rssMb.toFixed(0)],
    ["closed-loop req/s (capacity)", capacityChanges.rps.toFixed(0), capacityHealth.rps.toFixed(0), "—", "—"],
    ["closed-loop p50 / p95 ms", `${capacityChanges.p50.toFixed(1)} / ${capacityChanges.p95.toFixed(1)}`, `${capacityHealth.p50.toFixed(1)} / ${capacityHealth.p95.toFixed(1)}`, "—", "—"],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log("\nSummary");
  for (const [i, r] of rows.entries()) {
    console.log(`  ${r.map((c, j) => c.padEnd(widths[j])).join("  ")}`.trimEnd());
    if (i === 0) console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  }
  const ratioToReload = extra(reload) > 0 ? extra(changes) / extra(reload) : NaN;
  const headroom = capacityChanges.rps / changes.rps;
  console.log(
    `\n  ${PAGES} pages asking every ${EVERY_MS / 1000} s: ${changes.rps.toFixed(1)} req/s, ${extra(changes).toFixed(1)} % of a core above idle ` +
      `(${ratioToReload.toFixed(2)} × what reloading the page would cost); the server answers ${capacityChanges.rps.toFixed(0)} such reads/s at most, ${headroom.toFixed(0)} × this load.`,
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await server?.stop().catch(() => server?.kill());
    setTimeout(() => process.exit(), 100).unref();
  });
