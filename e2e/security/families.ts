import fs from "node:fs";

/**
 * The security test families of `npm run test:security` (issue 8) and the files of each, kept in
 * families.json: the runner (e2e/security/run.ts) runs these files, and vitest.config.mts and
 * playwright.config.ts import the same list to leave them out of the plain `test:unit` and
 * `test:e2e` runs, so nothing runs twice. Patterns are globs from the repository's root; a file
 * belongs to the first family that names it (lib/security/attacks.security.test.ts is an attack
 * test, not a session one). Every `*.security.test.ts` and every spec in e2e/security/ must belong
 * to a family: the runner fails on one that does not, so no test is silently left out.
 */
export type Family = {
  name: string;
  /** Vitest files. */
  unit: string[];
  /** Playwright specs (against a production build). */
  e2e: string[];
  /** Those of its files that need PostgreSQL (TEST_DATABASE_URL); without it they are reported as not run. */
  postgres?: string[];
  /**
   * Its specs run one at a time (beside the others): faults-postgres stops and starts the test
   * PostgreSQL cluster that the concurrency spec loads.
   */
  serial?: boolean;
  /**
   * Its specs that time their own server's answers against a deadline (health within 1 s while
   * hostile input is worked): they run last and alone (the project `timed`), so they never share
   * the machine's two cores with each other, with the load of the concurrency spec or with the
   * other worker's browser tests.
   */
  timed?: string[];
  /**
   * Its specs use the demo server Playwright starts (sessions), so they run one at a time with
   * the other specs that use it. The rest start servers of their own and run two at a time.
   */
  demoServer?: boolean;
};

export const FAMILIES = JSON.parse(fs.readFileSync(new URL("./families.json", import.meta.url), "utf8")) as Family[];

/** Set by the runner for its own Vitest and Playwright runs, so the configs keep these files in. */
export const SECURITY_RUN_ENV = "CORROBORATE_SECURITY_RUN";
