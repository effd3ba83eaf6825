import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { descendants, newDataDir, removeDataDir, startServer } from "../support/server";

/** A production server on its own data folder (built first if needed), with one API token per demo user. */
export async function startBenchServer(env: Record<string, string> = {}) {
  if (!fs.existsSync(".next/BUILD_ID")) execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  const dataDir = newDataDir();
  const server = await startServer(dataDir, env, 240_000);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      removeDataDir(dataDir);
    },
  };
}

/** Resident memory of the server: its launcher and every process under it, in bytes (Linux /proc). */
export function treeRss(root: { pid?: number }): number {
  let total = 0;
  for (const pid of [root.pid!, ...descendants(root.pid!)]) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

export const mb = (bytes: number) => bytes / 1024 / 1024;

/** CPU time the server has used so far, its launcher and every process under it, in seconds (Linux /proc). */
export function treeCpuSeconds(root: { pid?: number }): number {
  let ticks = 0;
  for (const pid of [root.pid!, ...descendants(root.pid!)]) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime: fields 14 and 15 of stat, counted after the name's closing parenthesis.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / CLOCK_TICKS;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A session cookie for a demo person, through Auth.js's own endpoints, as a browser gets one. */
export async function signInCookie(base: string, email: string, password = "corroborate-demo"): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = (csrf.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/claims" }),
    redirect: "manual",
  });
  const session = (response.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).find((c) => c.includes("authjs.session-token"));
  if (!session) throw new Error(`could not sign in as ${email} (${response.status})`);
  return session;
}
