import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { groupMembers, killGroup, killRecordedGroups, readProcess, spawnGroup, TEST_RUN_ENV } from "./process-group";

/**
 * The shape of a test server (tsx → serve.ts → next-server): a leader whose child starts a
 * grandchild, all three idle until killed. The grandchild ignores SIGTERM when asked to, as a
 * server busy shutting down might.
 */
const TREE = `
const { spawn } = require("node:child_process");
const level = Number(process.argv.at(-1));
if (process.env.IGNORE_TERM && level === 2) process.on("SIGTERM", () => {});
if (level === 2) require("node:fs").writeFileSync(${JSON.stringify("__READY__")} + process.pid, "");
if (level < 2) spawn(process.execPath, ["-e", require("node:fs").readFileSync(${JSON.stringify("__SELF__")}, "utf8"), String(level + 1)], { stdio: "inherit" });
setInterval(() => {}, 1000);
`;

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-process-group-test-"));
const treeScript = path.join(folder, "tree.cjs");
const readyPrefix = path.join(folder, "ready-");
fs.writeFileSync(treeScript, TREE.replace("__SELF__", treeScript).replace("__READY__", readyPrefix));
/** The tree's three processes, once the last one is running its script. */
const whole = (pgid: number) => {
  const members = groupMembers(pgid);
  return members.length === 3 && members.some((p) => fs.existsSync(readyPrefix + p.pid)) && members;
};
const moduleUrl = new URL("./process-group.ts", import.meta.url).pathname;
const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number) => {
  const info = readProcess(pid);
  return info !== null && !/^[ZX]/.test(info.state);
};

/** A server's stand-in: watches the process that started it, as e2e/support/serve.ts does. */
const watcherScript = path.join(folder, "watcher.mts");
fs.writeFileSync(watcherScript, `import { watchSpawner } from ${JSON.stringify(moduleUrl)};
watchSpawner(() => process.exit(1), 100);
console.log("watching");
setInterval(() => {}, 1000);
`);

/** A process like a Playwright worker: starts a tree in a group of its own, prints the group, then (the tree whole) does `then`. */
function starter(then: string, env: Record<string, string> = {}, command: string[] = [treeScript, "0"]) {
  const script = path.join(folder, `starter-${Math.random().toString(36).slice(2)}.mts`);
  fs.writeFileSync(
    script,
    `import fs from "node:fs";
import { groupMembers, spawnGroup } from ${JSON.stringify(moduleUrl)};
const group = spawnGroup(process.execPath, ${JSON.stringify(command)}, { label: "a tree", stdio: "ignore" });
console.log(group.pgid);
const whole = setInterval(() => {
  const members = groupMembers(group.pgid);
  if (members.length < 3 || !members.some((p) => fs.existsSync(${JSON.stringify(readyPrefix)} + p.pid))) return;
  clearInterval(whole);
  ${then}
}, 50);
`,
  );
  // Not through tsx's command line, whose process would stand between: killing it would not kill the starter.
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (err += c));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    pgid: () => until("the group's id", () => Number(out.split("\n")[0]) || null),
  };
}

describe("process groups", () => {
  it("killing a server's first process alone leaves the rest running with no parent (how servers leaked)", async () => {
    const child = spawn(process.execPath, [treeScript, "0"], { detached: true, stdio: "ignore" });
    const pgid = child.pid!;
    try {
      const members = await until("three processes", () => whole(pgid));
      process.kill(pgid, "SIGKILL");
      await until("the first one gone", () => !alive(pgid));
      const orphans = members.filter((p) => p.pid !== pgid && alive(p.pid));
      expect(orphans.length).toBe(2);
    } finally {
      await killGroup(pgid);
    }
    expect(groupMembers(pgid)).toEqual([]);
  });

  it("stop ends the whole group, SIGKILLing what ignores SIGTERM after the grace period", async () => {
    const group = spawnGroup(process.execPath, [treeScript, "0"], { label: "a tree", stdio: "ignore", env: { ...process.env, IGNORE_TERM: "1" } });
    const members = await until("three processes", () => whole(group.pgid)).catch(async (error) => {
      await group.kill();
      throw error;
    });
    const started = Date.now();
    await group.stop(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(members.filter((p) => alive(p.pid))).toEqual([]);
  });

  it("a process that fails midway takes the groups it started with it", async () => {
    const run = starter(`throw new Error("the spec failed midway");`);
    const pgid = await run.pgid();
    try {
      await run.exited;
      expect(run.stderr()).toContain("the spec failed midway");
      await until("the group gone", () => groupMembers(pgid).length === 0, 5000);
    } finally {
      await killGroup(pgid); // this test's own, should it fail
    }
  });

  it("the run's teardown kills a group whose starter was killed outright, and only the run's", async () => {
    const runDir = fs.mkdtempSync(path.join(folder, "run-"));
    const run = starter("console.log('whole'); setInterval(() => {}, 1000);", { [TEST_RUN_ENV]: runDir });
    const pgid = await run.pgid();
    try {
      await until("the tree whole", () => run.stdout().includes("whole"));
      expect(fs.readdirSync(path.join(runDir, "groups"))).toEqual([`${pgid}.json`]);
      run.child.kill("SIGKILL"); // no exit hook runs
      await run.exited;
      expect(groupMembers(pgid).length).toBe(3);
      const stopped = await killRecordedGroups(runDir);
      expect(stopped.map((g) => g.pgid)).toEqual([pgid]);
      expect(stopped[0].processes.length).toBe(3);
      expect(groupMembers(pgid)).toEqual([]);
      expect(fs.readdirSync(path.join(runDir, "groups"))).toEqual([]);
    } finally {
      await killGroup(pgid);
    }
  });

  it("a server whose starter is killed outright stops itself", async () => {
    // No tree here: the group is tsx and the watcher under it; "whole" once the watcher runs.
    const run = starter("", {}, [tsx, watcherScript]);
    const pgid = await run.pgid();
    try {
      await until("the watcher running", () => groupMembers(pgid).length === 2 && groupMembers(pgid).some((p) => p.command.includes("watcher.mts")), 30_000);
      await new Promise((r) => setTimeout(r, 1000)); // its watch set up (tsx compiles it first)
      run.child.kill("SIGKILL");
      await run.exited;
      await until("the group gone", () => groupMembers(pgid).length === 0, 5000);
    } finally {
      await killGroup(pgid);
    }
  });
});
