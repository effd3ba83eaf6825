/**
 * Part of `npm run bench:media` (./media.ts), run as a process of its own so its data folder
 * (DATA_DIR, given by the parent) is the one lib/env reads: the app's deriver makes the `web` and
 * `low` copies of the clip named on the command line; prints their wall and CPU seconds as JSON.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { makeWorkingCopy } from "@/lib/evidence/derive/working-copy";
import { dataDir } from "@/lib/env";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds of this process's children that have ended (each ffmpeg), from /proc. */
function childCpuSeconds(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

async function main() {
  const clip = process.argv[2];
  if (!clip || !process.env.DATA_DIR || !dataDir().startsWith(process.env.DATA_DIR)) throw new Error("usage: DATA_DIR=<folder> media-copies.ts <clip>");
  const figures: Record<string, { wall: number; cpu: number; size: number; command: string }> = {};
  for (const kind of ["web", "low"] as const) {
    const cpu = childCpuSeconds();
    const started = process.hrtime.bigint();
    const made = await makeWorkingCopy(kind, { id: "00000000-0000-4000-8000-000000000000", mediaType: "video/mp4", sha256: null }, clip);
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const detail = made.detail as { size: number; command: string };
    figures[kind] = { wall, cpu: childCpuSeconds() - cpu, size: detail.size, command: detail.command };
  }
  process.stdout.write(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
