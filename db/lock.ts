import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process lock: two processes on one folder silently diverge. Whoever opens
 * the embedded database (the server, the admin command line) holds this lock file first.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly holderPid: number,
    readonly holder: string,
  ) {
    super(
      `The database folder is in use by ${holder} (pid ${holderPid}). ` +
        "Stop it first, or point DATA_DIR at another folder.",
    );
  }
}

/** Whether a process with this pid is running (a signal-0 probe). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/**
 * A process killed (say by kill -9) whose parent has not yet reaped it still answers signal 0,
 * but it will never write again: its lock and temp files are stale. Linux shows it as state Z in
 * /proc; elsewhere nothing is known and it counts as alive.
 */
function isZombie(pid: number): boolean {
  try {
    // The state follows the command name, which is in parentheses and may hold spaces or ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

export function acquireDataDirLock(dir: string, holder: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "corroborate.lock");
  const body = JSON.stringify({ pid: process.pid, holder });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: "wx" });
      const release = () => {
        try {
          const current = JSON.parse(fs.readFileSync(file, "utf8"));
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let current: { pid: number; holder: string } | null = null;
      try {
        current = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        current = null;
      }
      if (current && current.pid !== process.pid && isProcessAlive(current.pid)) {
        throw new DataDirLockedError(current.pid, current.holder);
      }
      if (current?.pid === process.pid) return () => {};
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}
