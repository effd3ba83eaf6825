/**
 * The backstop of a bench that starts servers: a separate process (its own process group, so a
 * Ctrl-C does not reach it) reading lines from the bench on stdin —
 *   `kill <pid>`     that process and everything under it, when the bench is gone
 *   `remove <path>`  that file or folder, when the bench is gone
 * When stdin closes (the bench exited, however: finished, crashed, or SIGKILLed by tsx's signal
 * relay while its event loop was busy under load), it ends what is still running and removes
 * what is left. A pid is only killed if it is still the process that was registered (same start
 * time), so a reused pid is never touched.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { descendants } from "../support/server";

function startTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** In the bench: start the watchdog and return what to tell it. */
export function startWatchdog() {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    stdio: ["pipe", "ignore", "inherit"],
    detached: true,
  });
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  child.stdin!.on("error", () => {}); // the watchdog gone: nothing to tell it
  const tell = (line: string) => child.stdin!.write(`${line}\n`);
  return {
    kill: (pid: number | undefined) => pid && tell(`kill ${pid} ${startTime(pid)}`),
    remove: (path: string) => tell(`remove ${path}`),
  };
}

async function watch() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => {});
  const pids = new Map<number, string>();
  const paths = new Set<string>();
  let buffer = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const [command, ...rest] = buffer.slice(0, i).split(" ");
      buffer = buffer.slice(i + 1);
      if (command === "kill") pids.set(Number(rest[0]), rest[1]);
      else if (command === "remove") paths.add(rest.join(" "));
    }
  });
  await new Promise<void>((resolve) => process.stdin.on("close", resolve).on("end", resolve));
  const live = [...pids].filter(([pid, started]) => startTime(pid) === started).map(([pid]) => pid);
  const tree = live.flatMap((pid) => [pid, ...descendants(pid)]);
  const signal = (pids: number[], name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // gone
      }
    }
  };
  if (tree.length) {
    console.error(`bench watchdog: the bench is gone; stopping ${tree.length} process(es) it left`);
    signal(tree, "SIGTERM");
    const until = Date.now() + 10_000;
    while (Date.now() < until && tree.some((pid) => startTime(pid) !== null)) await new Promise((r) => setTimeout(r, 200));
    signal(tree.filter((pid) => startTime(pid) !== null), "SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const path of paths) fs.rmSync(path, { recursive: true, force: true });
  process.exit(0);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) void watch();
