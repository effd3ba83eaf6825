import { ensurePgliteTemplate, PGLITE_TEMPLATE_ENV } from "./pglite-template";

/** Vitest's global setup: the PGlite template every in-memory test database starts from (lib/test/pglite-template.ts). */
export default async function setup() {
  const template = await ensurePgliteTemplate();
  process.env[PGLITE_TEMPLATE_ENV.tarball] = template.tarball;
}
