import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readProcess, TEST_RUN_ENV } from "./process-group";
import { findLeftovers, stopLeftovers } from "./test-run";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-test-run-test-"));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  fs.rmSync(folder, { recursive: true, force: true });
});

function sleeper(options: { env?: Record<string, string>; cwd?: string }) {
  const child = spawn("sleep", ["60"], { env: { ...process.env, ...options.env }, cwd: options.cwd, stdio: "ignore", detached: true });
  started.push(child.pid!);
  return child.pid!;
}

const alive = (pid: number) => {
  const info = readProcess(pid);
  return info !== null && !/^[ZX]/.test(info.state);
};

describe("what a test run left", () => {
  it("finds a process carrying the run's mark, or working in one of its folders, and kills those", async () => {
    const runDir = path.join(folder, "run");
    const other = path.join(folder, "other");
    const ciTmp = path.join(folder, "ci");
    for (const dir of [runDir, other, ciTmp]) fs.mkdirSync(dir);
    const marked = sleeper({ env: { [TEST_RUN_ENV]: runDir } });
    const inCiTmp = sleeper({ cwd: ciTmp });
    const otherRun = sleeper({ env: { [TEST_RUN_ENV]: other } });
    const find = () => findLeftovers({ runDir, root: "/nonexistent", folders: [ciTmp], since: Date.now() }).filter((l) => started.includes(l.pid));
    const found = find();
    expect(found.map((l) => l.pid).sort()).toEqual([marked, inCiTmp].sort());
    expect(found.find((l) => l.pid === marked)).toMatchObject({ why: "started by this test run", certain: true });
    expect(found.find((l) => l.pid === inCiTmp)?.why).toBe(`works in ${ciTmp}`);
    const stopped = await stopLeftovers(find, { graceMs: 100 });
    expect(stopped.map((l) => l.pid).sort()).toEqual([marked, inCiTmp].sort());
    await expect.poll(() => [marked, inCiTmp].filter(alive), { timeout: 5000 }).toEqual([]);
    expect(alive(otherRun), "another run's process is left alone").toBe(true);
  });

  it("names a test process started from the repository during the run, but kills it only when asked", async () => {
    const root = path.join(folder, "repository");
    fs.mkdirSync(root);
    const since = Date.now();
    // A node process, as a leaked next-server or tsx is.
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { cwd: root, stdio: "ignore", detached: true });
    started.push(child.pid!);
    const find = () => findLeftovers({ root, since }).filter((l) => l.pid === child.pid);
    await expect.poll(() => find().length, { timeout: 5000 }).toBe(1);
    expect(find()[0]).toMatchObject({ why: `works in ${root}, started during the run`, certain: false });
    expect(findLeftovers({ root, since: Date.now() + 60_000 }).some((l) => l.pid === child.pid), "not one started before the run").toBe(false);
    await stopLeftovers(find, { graceMs: 100 });
    expect(alive(child.pid!)).toBe(true);
    await stopLeftovers(find, { graceMs: 100, killAll: true });
    await expect.poll(() => alive(child.pid!), { timeout: 5000 }).toBe(false);
  });
});
