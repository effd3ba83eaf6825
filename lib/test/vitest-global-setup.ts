import { ensurePgliteTemplate, PGLITE_TEMPLATE_ENV } from "./pglite-template";
import { dropRunScratchDatabases } from "./scratch-database";

/**
 * Vitest's global setup: the PGlite template every in-memory test database starts from
 * (lib/test/pglite-template.ts). Its teardown drops the run's PostgreSQL scratch databases that a
 * failed file left (each file drops its own as it closes); the run's temp folder, with every
 * PGlite folder in it, goes when Vitest ends (lib/test/test-run.ts).
 */
export default async function setup() {
  const template = await ensurePgliteTemplate();
  process.env[PGLITE_TEMPLATE_ENV.tarball] = template.tarball;
  process.env[PGLITE_TEMPLATE_ENV.dir] = template.dir;
  return async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    const dropped = await dropRunScratchDatabases(process.env.TEST_DATABASE_URL);
    if (dropped.length) console.warn(`[teardown] dropped ${dropped.length} scratch database(s) the tests left: ${dropped.join(", ")}`);
  };
}
