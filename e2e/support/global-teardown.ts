import { killRecordedGroups, TEST_RUN_ENV } from "@/lib/test/process-group";
import { dropRunScratchDatabases } from "@/lib/test/scratch-database";

/**
 * Playwright's global teardown, once every worker has ended: the servers the specs started and
 * did not stop (a worker that crashed or was killed before its fixtures' teardown), and the
 * PostgreSQL scratch databases they left. Playwright's own web server is stopped after this.
 */
export default async function globalTeardown() {
  const run = process.env[TEST_RUN_ENV];
  if (run) {
    for (const group of await killRecordedGroups(run)) {
      console.warn(`[teardown] stopped ${group.label} (process group ${group.pgid}), left running by its worker: ${group.processes.join("; ")}`);
    }
  }
  if (process.env.TEST_DATABASE_URL) {
    const dropped = await dropRunScratchDatabases(process.env.TEST_DATABASE_URL);
    if (dropped.length) console.warn(`[teardown] dropped ${dropped.length} scratch database(s) the specs left: ${dropped.join(", ")}`);
  }
}
