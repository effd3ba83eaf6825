import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareHostileMedia } from "@/lib/test/media";
import { ensurePgliteTemplate, PGLITE_TEMPLATE_ENV } from "@/lib/test/pglite-template";
import { prepareSeededFolder, SEEDED_FOLDER_ENV } from "./seeded-folder";

/**
 * Playwright's global setup: the migrated PGlite template the test servers' data folders start
 * from (e2e/support/serve.ts copies it), so each server does not run initdb again, and the run's
 * seeded folder (e2e/support/seeded-folder.ts), so most do not seed either, and in a security run
 * the costly hostile files, so no test makes them while another measures its server. Workers and the
 * servers they start inherit the variables. The returned function is the global teardown.
 */
export default async function globalSetup() {
  const template = await ensurePgliteTemplate();
  process.env[PGLITE_TEMPLATE_ENV.dir] = template.dir;
  // The security specs' costly hostile files, made before any test runs (lib/test/media.ts),
  // while the seeded folder is prepared: each is mostly one core's work, and there are two.
  const hostile = process.env.CORROBORATE_SECURITY_RUN ? fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-hostile-media-")) : null;
  const [seeded] = await Promise.all([prepareSeededFolder(), hostile && prepareHostileMedia(hostile)]);
  process.env[SEEDED_FOLDER_ENV] = seeded;
  return () => {
    fs.rmSync(seeded, { recursive: true, force: true });
    if (hostile) fs.rmSync(hostile, { recursive: true, force: true });
  };
}
