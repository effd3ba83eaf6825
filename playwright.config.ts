import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { FAMILIES } from "./e2e/security/families";
import { CHROMIUM_ARGS, findChromium, hasPlaywrightChromium, NO_BROWSER_MESSAGE } from "./e2e/support/browser";
import { E2E_METRICS_TOKEN } from "./e2e/support/operations";
import { processToken, STOP_WITH_ENV } from "./lib/test/process-group";
import { ensureTestRun, removeTestRunOnExit } from "./lib/test/test-run";

const executablePath = findChromium();
if (!executablePath && !hasPlaywrightChromium()) throw new Error(NO_BROWSER_MESSAGE);

// Chosen once in the main process; workers inherit the environment and so agree on them.
// The run's folder first, so the temp folders below and every test's land in it (lib/test/test-run.ts);
// removed as the main process ends, after Playwright has stopped its web server.
removeTestRunOnExit(ensureTestRun());
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})',
]).toString();
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-e2e-"));

// The security families' specs (e2e/security/families.json) run in `npm run test:security`, which
// sets CORROBORATE_SECURITY_RUN ("1": those specs; "all": every spec, as `npm test` runs them);
// the plain `test:e2e` leaves them out, so nothing runs twice.
// Specs that need PostgreSQL (a family's `postgres` list) are left out without TEST_DATABASE_URL.
const securitySpecs = FAMILIES.flatMap((f) => f.e2e);
const needPostgres = process.env.TEST_DATABASE_URL ? [] : FAMILIES.flatMap((f) => f.postgres ?? []);
const timedSpecs = FAMILIES.flatMap((f) => f.timed ?? []);
const serialSpecs = FAMILIES.filter((f) => f.serial).flatMap((f) => f.e2e);
const demoServerSpecs = FAMILIES.filter((f) => f.demoServer).flatMap((f) => f.e2e);
const ownServerSpecs = securitySpecs.filter((s) => !serialSpecs.includes(s) && !demoServerSpecs.includes(s));
const securityRun = process.env.CORROBORATE_SECURITY_RUN;

// Specs that use the demo server (below) run one at a time ("e2e"). Security specs that start
// servers of their own run beside them, two workers in all ("security"). The serial families run
// one at a time ("security-serial"): faults-postgres stops and starts the test cluster that the
// concurrency spec loads, so those two must never meet (every other server here is on PGlite).
// The specs that time their own server (a family's `timed`) run last, alone ("timed"): beside
// each other, each pushed the other's slowest health answer past its 1 s deadline; beside the
// other worker's browser tests, the media spec's server (135 ms alone) answered in 1.5 s in CI.
// Alone costs the run about a minute and a half of one idle core. A run of chosen files passes
// `--no-deps` (e2e/security/run.ts does), or a timed spec would wait for every other test.
const projects = securityRun
  ? [
      // In this order: the two one-at-a-time projects start at once, and the security specs,
      // which can run on either worker, fill the end; then the timed specs.
      { name: "security-serial", testMatch: serialSpecs, testIgnore: needPostgres, workers: 1 },
      securityRun === "all"
        ? { name: "e2e", testIgnore: securitySpecs.filter((s) => !demoServerSpecs.includes(s)), workers: 1 }
        : { name: "e2e", testMatch: demoServerSpecs, workers: 1 },
      // The families' lists are globs: the timed specs match the attacks family's, so they are left out here.
      { name: "security", testMatch: ownServerSpecs, testIgnore: [...needPostgres, ...timedSpecs] },
      { name: "timed", testMatch: timedSpecs, workers: 1, dependencies: ["security-serial", "e2e", "security"] },
    ]
  : [{ name: "e2e", testIgnore: securitySpecs }];

const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  projects,
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  fullyParallel: false,
  workers: securityRun ? 2 : 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    // CI keeps nothing but its output, so a trace there is only cost (about a tenth of a browser test).
    trace: process.env.CI ? "off" : "retain-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server e2e/support/serve.ts",
    url: `${baseURL}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: port,
      DATA_DIR: process.env.E2E_DATA_DIR,
      SEED_DEMO: "1",
      LOG_LEVEL: "error",
      EVIDENCE_FETCH_ALLOWLIST: "127.0.0.1",
      // The tests stand in for a proxy on this machine: specs give their clients addresses of
      // their own with X-Forwarded-For (e2e/security/attacks-forwarded.spec.ts runs without it).
      TRUSTED_PROXIES: "127.0.0.1",
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      // Playwright stops this server's process group as it ends; if it is killed outright, the server stops itself.
      [STOP_WITH_ENV]: processToken(),
    },
  },
});
