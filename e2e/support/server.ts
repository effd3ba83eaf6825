import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "@/db/lock";
import { nextStartArgs } from "@/lib/server/next-start";
import { E2E_TOKENS_FILE, useSeededFolder } from "./seeded-folder";

/**
 * A production server of the test's own (beside the one Playwright starts), for tests that kill
 * and restart it. On a copy of the run's seeded folder (e2e/support/seeded-folder.ts), or through
 * Playwright's own launcher (e2e/support/serve.ts) on PostgreSQL, on a free port. Unlike
 * e2e/bench/support.ts it keeps its data folder when stopped, so a second server can be started
 * on it; `removeDataDir` deletes it at the end.
 */
export type TestServer = {
  base: string;
  dataDir: string;
  tokens: Record<string, string>;
  child: ChildProcess;
  /** SIGKILL the launcher and every process under it (the `next start` node), as a crash would. */
  kill: () => Promise<void>;
  /** A graceful stop (SIGTERM), keeping the data folder. */
  stop: () => Promise<void>;
  /** The last few kB the server wrote to stderr, for failure messages. */
  stderr: () => string;
};

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

export async function startServer(dataDir: string, env: Record<string, string> = {}, timeoutMs = 90_000): Promise<TestServer> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("Build first: npx next build");
  const port = await freePort();
  // As Playwright's server: the tests stand in for a proxy on this machine (TRUSTED_PROXIES: "" for none).
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: "1",
    LOG_LEVEL: "error",
    TRUSTED_PROXIES: "127.0.0.1",
    ...env,
  };
  delete childEnv.EVIDENCE_FETCH_ALLOWLIST;
  if (env.EVIDENCE_FETCH_ALLOWLIST) childEnv.EVIDENCE_FETCH_ALLOWLIST = env.EVIDENCE_FETCH_ALLOWLIST;
  const tokensFile = path.join(dataDir, E2E_TOKENS_FILE);
  // A folder on PGlite gets the run's seeded database and is served as it is; otherwise serve.ts
  // prepares it (a restart there writes fresh tokens) and then serves it.
  const seeded = !childEnv.DATABASE_URL && useSeededFolder(dataDir);
  if (!seeded) fs.rmSync(tokensFile, { force: true });
  const child = seeded
    ? spawn(process.execPath, nextStartArgs(process.cwd(), String(port)), {
        env: { ...childEnv, NODE_ENV: "production", AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "ignore", "pipe"],
      })
    : spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "e2e/support/serve.ts"], {
        env: childEnv,
        stdio: ["ignore", "ignore", "pipe"],
      });
  let stderr = "";
  child.stderr!.on("data", (c) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the test server exited early:\n${stderr}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok && fs.existsSync(tokensFile)) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      // Not left running behind the failure: it would hold a core and a port for nothing.
      for (const pid of [child.pid!, ...descendants(child.pid!)]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      throw new Error(`the test server did not come up in ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tokens = JSON.parse(fs.readFileSync(tokensFile, "utf8")) as Record<string, string>;
  return {
    base,
    dataDir,
    tokens,
    child,
    kill: async () => {
      const pids = [child.pid!, ...descendants(child.pid!)];
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await exited;
      const until = Date.now() + 10_000;
      while (pids.some(isProcessAlive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    stderr: () => stderr,
  };
}
