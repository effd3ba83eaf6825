import { ensurePgliteTemplate, PGLITE_TEMPLATE_ENV } from "@/lib/test/pglite-template";

/**
 * Playwright's global setup: the migrated PGlite template the test servers' data folders start
 * from (e2e/support/serve.ts copies it), so each server does not run initdb again. Workers and the
 * servers they start inherit the variable.
 */
export default async function globalSetup() {
  const template = await ensurePgliteTemplate();
  process.env[PGLITE_TEMPLATE_ENV.dir] = template.dir;
}
