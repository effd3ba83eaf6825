import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A test server's data folder, seeded once a run: the migrated template with the demo workspace
 * (its rows and its evidence's blobs) and one API token per demo user. Preparing a folder through e2e/support/serve.ts costs ~9 s of
 * CPU (tsx, the database opened, seeded and closed); copying a prepared one costs a few hundred
 * milliseconds, and the server then starts without a launcher. Servers on PostgreSQL and the
 * benches (no Playwright global setup) still prepare their own.
 */
export const E2E_TOKENS_FILE = "e2e-tokens.json";
export const SEEDED_FOLDER_ENV = "CORROBORATE_TEST_SEEDED_DIR";

/** Playwright's global setup: the run's seeded folder, prepared by serve.ts `--prepare-only`. */
export async function prepareSeededFolder(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-e2e-seeded-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  delete env.DATABASE_URL;
  try {
    await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "e2e/support/serve.ts", "--prepare-only"], {
      env,
      encoding: "utf8",
      timeout: 180_000,
    });
  } catch (error) {
    throw new Error(`Preparing the seeded data folder failed:\n${(error as { stderr?: string }).stderr || error}`);
  }
  return dir;
}

/**
 * Gives `dataDir` the run's seeded database and tokens unless it holds a database already (a
 * restart keeps its own); whether the folder is now ready to be served as it is.
 */
export function useSeededFolder(dataDir: string): boolean {
  const seeded = process.env[SEEDED_FOLDER_ENV];
  if (!seeded || !fs.existsSync(path.join(seeded, E2E_TOKENS_FILE))) return false;
  // The whole folder: the database, its tokens, and the blobs of the demo's evidence.
  if (!fs.existsSync(path.join(dataDir, "pglite"))) fs.cpSync(seeded, dataDir, { recursive: true });
  return fs.existsSync(path.join(dataDir, E2E_TOKENS_FILE));
}
