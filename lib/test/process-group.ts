import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Processes the tests start (servers, above all), each in a process group of its own, stopped as
 * a group. A server is three processes (tsx → e2e/support/serve.ts → `next start`, which runs as
 * `next-server`), and killing only the first one orphans the others: tsx even SIGKILLs its child
 * when that child does not acknowledge a relayed SIGTERM within 30 ms (a busy machine), and the
 * `next-server` under it then runs on with parent 1, holding its memory, port and data folder.
 * Linux only (/proc), as the tests are.
 */

/** The folder of the current test run (lib/test/test-run.ts); inherited by everything a test starts. */
export const TEST_RUN_ENV = "CORROBORATE_TEST_RUN";
/** "pid:start time" of the process that started a server: the server stops itself when that one is gone. */
export const STOP_WITH_ENV = "CORROBORATE_STOP_WITH";

export type ProcessInfo = { pid: number; ppid: number; pgid: number; state: string; startTime: number; command: string };

/** One process from /proc/PID/stat, or null when it is gone. */
export function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself hold spaces or ")".
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    let command = stat.slice(stat.indexOf("(") + 1, close);
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ") || command;
    } catch {
      // another user's process: the short name will do
    }
    return { pid, state: fields[0], ppid: Number(fields[1]), pgid: Number(fields[2]), startTime: Number(fields[19]), command };
  } catch {
    return null;
  }
}

/** Every process now running (zombies left out: they hold no memory, port or file). */
export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info && !/^[ZX]/.test(info.state)) out.push(info);
  }
  return out;
}

export function groupMembers(pgid: number): ProcessInfo[] {
  return listProcesses().filter((p) => p.pgid === pgid);
}

/** `pid:start time`, which names a process even after its pid has been given to another. */
export function processToken(pid = process.pid): string {
  return `${pid}:${readProcess(pid)?.startTime ?? 0}`;
}

export function isTokenAlive(token: string): boolean {
  const [pid, startTime] = token.split(":").map(Number);
  const info = readProcess(pid);
  return info !== null && !/^[ZX]/.test(info.state) && info.startTime === startTime;
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

async function waitUntilEmpty(pgid: number, timeoutMs: number): Promise<ProcessInfo[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const members = groupMembers(pgid);
    if (!members.length || Date.now() > until) return members;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGKILL a group and wait until none of it is left; what is left after `timeoutMs` is named in the error. */
export async function killGroup(pgid: number, timeoutMs = 10_000): Promise<void> {
  signalGroup(pgid, "SIGKILL");
  const left = await waitUntilEmpty(pgid, timeoutMs);
  if (left.length) throw new Error(`process group ${pgid} still running after SIGKILL: ${left.map((p) => `${p.pid} ${p.command}`).join("; ")}`);
}

export type ProcessGroup = {
  pgid: number;
  label: string;
  child: ChildProcess;
  /** SIGTERM to every process of the group, SIGKILL to what is left after `graceMs`; resolves when none is left. */
  stop: (graceMs?: number) => Promise<void>;
  /** SIGKILL to every process of the group, as a crash would; resolves when none is left. */
  kill: () => Promise<void>;
};

/** The groups this process started and has not stopped yet. */
const running = new Map<number, ProcessGroup>();

export function runningGroups(): ProcessGroup[] {
  return [...running.values()];
}

function recordFile(pgid: number): string | null {
  const run = process.env[TEST_RUN_ENV];
  return run ? path.join(run, "groups", `${pgid}.json`) : null;
}

function forget(pgid: number) {
  running.delete(pgid);
  const file = recordFile(pgid);
  if (file) fs.rmSync(file, { force: true });
}

let exitHookInstalled = false;
/**
 * When this process ends (a Playwright worker restarted after a failure or a timeout, whose test
 * never reached its own cleanup), its groups end with it. Synchronous: 'exit' allows nothing else.
 */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pgid of running.keys()) signalGroup(pgid, "SIGKILL");
  });
}

/**
 * Spawns `command` as the leader of a new process group (everything it starts stays in it) and
 * records the group in the test run's folder, where the run's teardown finds it if this process
 * dies before stopping it (`killRecordedGroups`). The child is told who started it
 * (`STOP_WITH_ENV`), so a server can stop itself if this process is killed outright.
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions & { label: string }): ProcessGroup {
  const { label, ...spawnOptions } = options;
  const child = spawn(command, args, {
    ...spawnOptions,
    env: { ...(spawnOptions.env ?? process.env), [STOP_WITH_ENV]: processToken() },
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${label}`);
  const pgid = child.pid;
  const file = recordFile(pgid);
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ pgid, label, leader: processToken(pgid) }));
  }
  installExitHook();
  const group: ProcessGroup = {
    pgid,
    label,
    child,
    stop: async (graceMs = 10_000) => {
      signalGroup(pgid, "SIGTERM");
      if ((await waitUntilEmpty(pgid, graceMs)).length) await killGroup(pgid);
      forget(pgid);
    },
    kill: async () => {
      await killGroup(pgid);
      forget(pgid);
    },
  };
  running.set(pgid, group);
  return group;
}

/**
 * Kills every group recorded in the run folder `runDir` that still has a process carrying this
 * run's marker (a pid reused by something else is left alone); returns what it stopped. For the
 * run's global teardown, once every worker is gone.
 */
export async function killRecordedGroups(runDir: string): Promise<{ pgid: number; label: string; processes: string[] }[]> {
  const folder = path.join(runDir, "groups");
  const stopped: { pgid: number; label: string; processes: string[] }[] = [];
  for (const name of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
    const file = path.join(folder, name);
    const { pgid, label } = JSON.parse(fs.readFileSync(file, "utf8")) as { pgid: number; label: string };
    const members = groupMembers(pgid).filter((p) => carriesRun(p.pid, runDir));
    if (members.length) {
      await killGroup(pgid);
      stopped.push({ pgid, label, processes: members.map((p) => `${p.pid} ${p.command}`) });
    }
    fs.rmSync(file, { force: true });
  }
  return stopped;
}

/** Whether a process was started within the test run `runDir` (its environment names the run). */
export function carriesRun(pid: number, runDir: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`${TEST_RUN_ENV}=${runDir}`);
  } catch {
    return false;
  }
}

/**
 * In a server a test started: calls `onGone` once the process that started it is gone. A
 * Playwright worker killed outright runs no teardown, and its servers would run on with parent 1.
 */
export function watchSpawner(onGone: () => void, intervalMs = 1000) {
  const token = process.env[STOP_WITH_ENV];
  if (!token) return;
  const timer = setInterval(() => {
    if (isTokenAlive(token)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
}
