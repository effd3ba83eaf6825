import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const available = new Map<string, Promise<boolean>>();

/** Whether ffmpeg / ffprobe are installed; items are still stored without them, derivations skipped. */
export function hasTool(tool: "ffmpeg" | "ffprobe"): Promise<boolean> {
  if (!available.has(tool)) {
    available.set(
      tool,
      run(tool, ["-version"], { timeout: 10_000 }).then(
        () => true,
        () => false,
      ),
    );
  }
  return available.get(tool)!;
}

/** Run a media tool with a time limit; its output is bounded so a hostile file cannot flood memory. */
export async function runTool(tool: "ffmpeg" | "ffprobe", args: string[], timeoutMs = 120_000) {
  return run(tool, args, { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: "utf8" });
}
