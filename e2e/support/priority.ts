import { execFileSync } from "node:child_process";

/**
 * The one-at-a-time project, where the specs that time their own server (a family's `timed`) run:
 * the slowest health answer while hostile media or 20,000 names are worked must stay under 1 s.
 * On a 2-core machine the other worker's browser and servers took the CPU from them (the media
 * spec's server, 135 ms alone, answered in 1.5 s at the start of a CI run). So every other worker,
 * with what it starts (servers, the browser), and the demo server run under Linux's idle
 * scheduling class: they yield the CPU to the one-at-a-time project's processes while those want
 * it, and share it between themselves as before. A lower `nice` was not enough: Chromium sets its
 * own processes' priorities.
 */
export const TIMED_PROJECT = "security-serial";

/**
 * Puts every thread of this process (and what it starts from now on, which inherits the class)
 * in the idle scheduling class, with util-linux's `chrt`; lowering one's own needs no privilege.
 */
export function yieldToTimedSpecs(): void {
  execFileSync("chrt", ["--idle", "--all-tasks", "--pid", "0", String(process.pid)]);
}

/** Set on the demo server by the Playwright config when the timed specs run beside it. */
export const YIELD_ENV = "CORROBORATE_TEST_YIELD_CPU";
