import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { carriesRun, listProcesses, type ProcessInfo, readProcess, TEST_RUN_ENV } from "./process-group";

/**
 * A test run's folder, so that nothing the run makes outlives it. Every temp file of the run goes
 * in it (TMPDIR points inside it: test data folders, media, the PGlite template, Playwright's and
 * Chromium's own), the process groups the tests start are recorded in it (lib/test/process-group.ts),
 * and its path, in TEST_RUN_ENV, marks every process the run starts. Made by what starts first —
 * the security runner (`npm test`), or Vitest's or Playwright's config when run alone — and
 * removed by that one when it ends.
 */
export type TestRun = { dir: string; owned: boolean };

export function ensureTestRun(): TestRun {
  const existing = process.env[TEST_RUN_ENV];
  if (existing) return { dir: existing, owned: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-run-"));
  fs.mkdirSync(path.join(dir, "tmp"));
  process.env[TEST_RUN_ENV] = dir;
  process.env.TMPDIR = path.join(dir, "tmp");
  return { dir, owned: true };
}

/** For a config that made the run folder: removes it when this process ends (after its servers). */
export function removeTestRunOnExit(run: TestRun) {
  if (run.owned) process.on("exit", () => fs.rmSync(run.dir, { recursive: true, force: true }));
}

/** A short tag for the current run, for names that cannot hold a path (scratch databases). */
export function testRunTag(): string {
  const dir = process.env[TEST_RUN_ENV];
  return dir ? createHash("sha256").update(dir).digest("hex").slice(0, 8) : "norun";
}

/** `certain`: the run's for sure (its marker, its folder), not just started from the repository meanwhile. */
export type Leftover = { pid: number; command: string; why: string; certain: boolean };

/**
 * This process, its ancestors (the runner, npm, the shell) and its own helpers: children in its own
 * process group (tsx's esbuild). A group the tests started is a group of its own, and counts.
 */
function ownFamily(processes: ProcessInfo[]): Set<number> {
  const out = new Set<number>();
  for (let pid: number | undefined = process.pid; pid && pid > 1 && !out.has(pid); pid = readProcess(pid)?.ppid) out.add(pid);
  const ownGroup = readProcess(process.pid)?.pgid;
  const children = (pid: number) => processes.filter((p) => p.ppid === pid && p.pgid === ownGroup).map((p) => p.pid);
  const stack = children(process.pid);
  while (stack.length) {
    const pid = stack.pop()!;
    out.add(pid);
    stack.push(...children(pid));
  }
  return out;
}

/** When a process started, in ms since the epoch (/proc gives clock ticks since boot, 100 a second on Linux). */
function startedAt(info: ProcessInfo): number {
  const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1] ?? 0);
  return btime * 1000 + info.startTime * 10;
}

function inside(file: string | null, folder: string): boolean {
  return file !== null && (file === folder || file.startsWith(`${folder}/`));
}

function workingFolder(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/** What the tests start: servers (next-server, tsx, node), PostgreSQL, the browser, media tools. */
const TEST_PROCESS = /next-server|node_modules|\btsx\b|\bnode\b|postgres|chrom|ffmpeg|ffprobe/;

/**
 * Processes a test run left running: any carrying the run's marker or working in (or started from)
 * one of `folders` (the run's own temp folder, a CI run's TMPDIR), and, among those started since
 * `since`, any test process working in or started from the repository `root`. This process, its
 * ancestors and its children are not counted.
 */
export function findLeftovers({ runDir, root, folders = [], since }: { runDir?: string; root: string; folders?: string[]; since: number }): Leftover[] {
  const processes = listProcesses();
  const skip = ownFamily(processes);
  const out: Leftover[] = [];
  for (const info of processes) {
    if (skip.has(info.pid)) continue;
    const cwd = workingFolder(info.pid);
    const args = info.command.split(" ");
    const within = (folder: string) => inside(cwd, folder) || args.some((a) => inside(a, folder));
    let why: string | null = null;
    if (runDir && carriesRun(info.pid, runDir)) why = "started by this test run";
    else if (runDir && within(runDir)) why = `works in ${runDir}`;
    else if (folders.some(within)) why = `works in ${folders.find(within)}`;
    else if (within(root) && TEST_PROCESS.test(info.command) && startedAt(info) >= since - 1000) why = `works in ${root}, started during the run`;
    if (why) out.push({ pid: info.pid, command: info.command.slice(0, 200), why, certain: !why.endsWith("during the run") });
  }
  return out;
}

/**
 * Leftovers that are still there after `graceMs` (a server Playwright stopped as it ended may take
 * a moment to go); those are returned to be named, and SIGKILLed so the next run starts clean:
 * the certain ones, or all with `killAll` (on CI, where nothing else runs from the repository; on
 * a developer's machine a build they started meanwhile is no business of the tests).
 */
export async function stopLeftovers(find: () => Leftover[], { graceMs = 5000, killAll = false } = {}): Promise<Leftover[]> {
  const until = Date.now() + graceMs;
  let left = find();
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    left = find();
  }
  for (const leftover of left) {
    if (!leftover.certain && !killAll) continue;
    try {
      process.kill(leftover.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  return left;
}
