import { execFileSync } from "node:child_process";
import pg from "pg";
import { TEST_RUN_ENV } from "@/lib/test/process-group";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/test/scratch-database";

/**
 * PostgreSQL for the tests that need it (TEST_DATABASE_URL, set by `.ci/run` through
 * `.ci/pg-cluster.sh`): a fresh database per test, and the cluster's server stopped and started
 * again for the restart test. These tests fail, rather than skip, without it: the security runner
 * only runs them when it is set.
 */
export function requirePostgres(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("This test needs PostgreSQL: set TEST_DATABASE_URL (source .ci/pg-cluster.sh start).");
  return url;
}

/** A new empty database on the test cluster; `drop` removes it (and ends its connections). */
export async function createDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase(requirePostgres(), "corroborate_e2e");
}

/** One query on a database of the test cluster, outside the app. */
export async function queryDatabase<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The cluster's server, stopped and started again on the same port and data (.ci/pg-cluster.sh
 * halt / resume, on PG_TMP). `fast` ends every session with 57P01 admin_shutdown; `immediate`
 * drops them as a crash would (and the next start recovers from the WAL).
 */
export function postgresServer() {
  const dir = process.env.PG_TMP;
  if (!dir) throw new Error("Restarting PostgreSQL needs PG_TMP (exported by `source .ci/pg-cluster.sh start`).");
  const script = ".ci/pg-cluster.sh";
  // The cluster is the caller's (.ci/run stops it after the run): its server, started again here,
  // is not one of the run's processes, which must all be gone when the run ends (lib/test/test-run.ts).
  const env = { ...process.env };
  delete env[TEST_RUN_ENV];
  return {
    halt: (mode: "fast" | "immediate" = "fast") => execFileSync("bash", [script, "halt", dir, mode], { stdio: "pipe" }),
    resume: () => execFileSync("bash", [script, "resume", dir], { stdio: "pipe", env }),
  };
}
