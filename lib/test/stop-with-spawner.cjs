// @ts-check
/**
 * Preloaded (`node --require`) into a test server started without a launcher (`next start` on a
 * seeded folder, e2e/support/server.ts): once the process that started it is gone (a Playwright
 * worker killed outright, which runs no teardown), the server stops its whole process group
 * rather than run on with parent 1. What lib/test/process-group.ts's `watchSpawner` does in
 * serve.ts, in plain JavaScript, since Node loads it before any TypeScript can run.
 */
const fs = require("node:fs");

/** The kernel's start time of a process (field 22 of /proc/PID/stat), or null when it is gone. */
function startTime(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return /^[ZX]/.test(fields[0]) ? null : Number(fields[19]);
  } catch {
    return null;
  }
}

const token = process.env.CORROBORATE_STOP_WITH; // "pid:start time", set by spawnGroup
if (token) {
  const [pid, started] = token.split(":").map(Number);
  const timer = setInterval(() => {
    if (startTime(pid) === started) return;
    clearInterval(timer);
    try {
      process.kill(-process.pid, "SIGKILL"); // the server leads its group
    } catch {
      process.exit(1);
    }
  }, 1000);
  timer.unref();
}
