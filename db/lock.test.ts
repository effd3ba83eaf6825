import { spawn } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "./lock";

describe("isProcessAlive", () => {
  it("is true for this process and false for a pid nobody holds", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12_345)).toBe(false);
  });

  // A server killed with kill -9 stays a zombie until its parent reaps it; if the app saw it as
  // alive at start, its temp files (and data-folder lock) would be kept as a live process's.
  it.runIf(fs.existsSync("/proc/self/stat"))("is false for a zombie, which still answers signal 0", async () => {
    // `sleep 0.1` is left a zombie: its parent becomes `sleep 5`, which never reaps it.
    const parent = spawn("sh", ["-c", "sleep 0.1 & echo $!; exec sleep 5"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()))));
      await expect.poll(() => fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0], { timeout: 5_000 }).toBe("Z");
      expect(() => process.kill(pid, 0)).not.toThrow();
      expect(isProcessAlive(pid)).toBe(false);
    } finally {
      parent.kill("SIGKILL");
    }
  });
});
