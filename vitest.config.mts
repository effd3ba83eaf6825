import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { FAMILIES } from "./e2e/security/families";
import { ensureTestRun, removeTestRunOnExit } from "./lib/test/test-run";

const root = fileURLToPath(new URL(".", import.meta.url));
// Before anything below makes a temp folder: they all go inside the run's (lib/test/test-run.ts).
removeTestRunOnExit(ensureTestRun());
// The security families' files (e2e/security/families.ts) run in `npm run test:security`, which
// sets CORROBORATE_SECURITY_RUN; the plain run leaves them out, so nothing runs twice. Files that
// need PostgreSQL (a family's `postgres` list) are left out without TEST_DATABASE_URL.
const securityFiles = FAMILIES.flatMap((f) => f.unit);
const needPostgres = process.env.TEST_DATABASE_URL ? [] : FAMILIES.flatMap((f) => f.postgres ?? []);

/**
 * The longest files start first, so neither worker ends with one alone (a fresh clone has no
 * timings cache: the 70-second query-plan file could start last and leave a core idle).
 */
const LONGEST = [
  "db/query-plans.test.ts",
  "lib/evidence/derive/attacks-media.security.test.ts",
  "lib/security/attacks.security.test.ts",
  "lib/evidence/capture/attacks-page-text.security.test.ts",
  "lib/backup/backup.test.ts",
  "lib/evidence/add-evidence.test.ts",
];
class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((name) => f.moduleId.endsWith(name));
      return i === -1 ? LONGEST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Files that replace modules (`vi.mock`) need a module registry of their own; every other file
 * shares its worker's (`isolate: false`): importing the app's module graph afresh for each of ~130
 * files was a third of the run's CPU. A file that changes shared state (the environment, a
 * module's settings) puts it back after itself, as it must anyway for its own tests.
 */
const OWN_MODULES = ["lib", "db"].flatMap((dir) =>
  fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".test.ts") && /\bvi\.(?:do)?[mM]ock\(/.test(fs.readFileSync(path.join(root, dir, name), "utf8")))
    .map((name) => `${dir}/${name}`),
);
const excluded = [...configDefaults.exclude, ...(process.env.CORROBORATE_SECURITY_RUN ? needPostgres : securityFiles)];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib/ modules are marked server-only; the tests are the server here.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    // Each project names its files (a project's `include` would add to one given here).
    projects: [
      { extends: true, test: { name: "shared", include: ["lib/**/*.test.ts", "db/**/*.test.ts"], exclude: [...excluded, ...OWN_MODULES], isolate: false } },
      { extends: true, test: { name: "own-modules", include: OWN_MODULES, exclude: excluded } },
    ],
    environment: "node",
    // Test databases start from a migrated PGlite template instead of running initdb each.
    globalSetup: ["lib/test/vitest-global-setup.ts"],
    // Blobs and temp files of the tests go to a folder of their own, never ./data.
    env: { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-vitest-")), LOG_LEVEL: "error", EVIDENCE_FETCH_ALLOWLIST: "127.0.0.1" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry; two workers suit a 2-core machine. Separate processes
    // (forks), so temp files can be told apart by pid.
    pool: "forks",
    sequence: { sequencer: LongestFirst },
    maxWorkers: 2,
  },
});
