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
