import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { nextStartArgs } from "@/lib/server/next-start";
import { runningGroups, spawnGroup } from "@/lib/test/process-group";
import { E2E_METRICS_TOKEN } from "./operations";
import { E2E_TOKENS_FILE, useSeededFolder } from "./seeded-folder";

/**
 * A production server of the test's own (beside the one Playwright starts), for tests that kill
 * and restart it. Same launcher as Playwright's (e2e/support/serve.ts), on a free port. Unlike
 * e2e/bench/support.ts it keeps its data folder when stopped, so a second server can be started
 * on it; `removeDataDir` deletes it at the end.
 */
export type TestServer = {
  base: string;
  dataDir: string;
  tokens: Record<string, string>;
  child: ChildProcess;
  /** The server's process group: tsx, e2e/support/serve.ts and next-server. */
  pgid: number;
  /** SIGKILL every process of the server (its whole group), as a crash would; resolves when none is left. */
  kill: () => Promise<void>;
  /** A graceful stop (SIGTERM to the group, SIGKILL after 10 s), keeping the data folder; resolves when no process is left. */
  stop: () => Promise<void>;
  /** The last few kB the server wrote to stderr, for failure messages. */
  stderr: () => string;
  /** The last STDOUT_KEPT bytes it wrote to stdout (its logs: JSON lines with LOG_FORMAT=json). */
  stdout: () => string;
};

const STDOUT_KEPT = 256 * 1024;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-e2e-faults-"));
}

export function removeDataDir(dataDir: string) {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Every descendant of `root` (Linux /proc), deepest last. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

const STOP_WITH_SPAWNER_PRELOAD = path.join(process.cwd(), "lib", "test", "stop-with-spawner.cjs");

export async function startServer(dataDir: string, env: Record<string, string> = {}, timeoutMs = 90_000): Promise<TestServer> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("Build first: npx next build");
  // A port chosen by the caller (`env.PORT`) when the server must know its own address first (PUBLIC_URL).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // As Playwright's server: the tests stand in for a proxy on this machine (TRUSTED_PROXIES: "" for none).
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: "1",
    LOG_LEVEL: "error",
    TRUSTED_PROXIES: "127.0.0.1",
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    ...env,
  };
  delete childEnv.EVIDENCE_FETCH_ALLOWLIST;
  if (env.EVIDENCE_FETCH_ALLOWLIST) childEnv.EVIDENCE_FETCH_ALLOWLIST = env.EVIDENCE_FETCH_ALLOWLIST;
  const tokensFile = path.join(dataDir, E2E_TOKENS_FILE);
  const label = `the test server on port ${port} (${dataDir})`;
  // A folder on PGlite gets the run's seeded database and is served as it is, by `next start`
  // with the preload that stops it when its starter is gone; otherwise serve.ts prepares it (a
  // restart there writes fresh tokens) and serves it. Either way a group of its own, stopped as
  // one: see lib/test/process-group.ts.
  const seeded = !childEnv.DATABASE_URL && useSeededFolder(dataDir);
  if (!seeded) fs.rmSync(tokensFile, { force: true });
  const group = seeded
    ? spawnGroup(process.execPath, ["--require", STOP_WITH_SPAWNER_PRELOAD, ...nextStartArgs(process.cwd(), String(port))], {
        label,
        env: { ...childEnv, NODE_ENV: "production", AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      })
    : spawnGroup(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "e2e/support/serve.ts"], {
        label,
        env: childEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
  const child = group.child;
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (c) => (stderr = (stderr + c).slice(-4000)));
  child.stdout!.on("data", (c) => (stdout = (stdout + c).slice(-STDOUT_KEPT)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await group.kill();
      throw new Error(`the test server exited early:\n${stderr}`);
    }
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok && fs.existsSync(tokensFile)) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      // Not left running behind the failure: it would hold a core and a port for nothing.
      await group.kill();
      throw new Error(`the test server did not come up in ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tokens = JSON.parse(fs.readFileSync(tokensFile, "utf8")) as Record<string, string>;
  return { base, dataDir, tokens, child, pgid: group.pgid, kill: group.kill, stop: () => group.stop(), stderr: () => stderr, stdout: () => stdout };
}

const workerServers = new Set<number>();

/**
 * For a worker-scoped fixture's server: it is set up inside the first test that needs it, and
 * that test's teardown must leave it to the worker's.
 */
export function keptForTheWorker<T extends { pgid: number }>(server: T): T {
  workerServers.add(server.pgid);
  return server;
}

/**
 * Playwright's `test` with the teardown of the servers a spec starts (`startServer`): a test's,
 * when the test ends however it ends (passed, failed midway, timed out); a worker's (started in
 * `beforeAll`), when the worker ends. A spec stops its servers itself when it can; this is for
 * when it cannot. A worker killed outright runs neither: then the global teardown
 * (e2e/support/global-teardown.ts) and the server's own watch on its starter do it.
 */
export const test = base.extend<{ stopsItsServers: void }, { stopsWorkersServers: void }>({
  stopsItsServers: [
    async ({}, use, testInfo) => {
      const before = new Set(runningGroups().map((g) => g.pgid));
      await use();
      const left = runningGroups().filter((g) => !before.has(g.pgid) && !workerServers.has(g.pgid));
      for (const group of left) await group.kill();
      if (left.length) testInfo.annotations.push({ type: "teardown", description: `stopped ${left.map((g) => g.label).join("; ")}` });
    },
    { auto: true },
  ],
  stopsWorkersServers: [
    async ({}, use) => {
      await use();
      for (const group of runningGroups()) await group.kill();
    },
    { auto: true, scope: "worker" },
  ],
});

export { expect };
