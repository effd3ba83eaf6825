import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { connectPglite, connectPostgres } from "@/db/connect";
import { DEMO_USERS, seedDemo } from "@/lib/demo/seed";
import { createApiToken } from "@/lib/auth/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { nextStartArgs } from "@/lib/server/next-start";
import { copyPgliteTemplate } from "@/lib/test/pglite-template";
import { watchSpawner } from "@/lib/test/process-group";
import { E2E_TOKENS_FILE } from "./seeded-folder";

/**
 * Playwright's web server (and the benches'): prepares a fresh data folder (migrated, demo workspace, one API token
 * per demo user written to e2e-tokens.json), closes it, then runs the production server on it.
 * The database is opened by one process at a time, as PGlite requires. The server stays in this
 * process's group, which the tests stop as a whole (lib/test/process-group.ts). With
 * `--prepare-only` it prepares the folder and stops: the seeded folder the test servers copy
 * (e2e/support/seeded-folder.ts).
 */
async function prepare(dataDir: string) {
  // PostgreSQL when DATABASE_URL is set (the scale bench), else the folder's embedded database,
  // copied from the test run's migrated template when there is one (lib/test/pglite-template.ts).
  const pgliteDir = path.join(dataDir, "pglite");
  if (!process.env.DATABASE_URL) copyPgliteTemplate(pgliteDir);
  const database = process.env.DATABASE_URL ? connectPostgres(process.env.DATABASE_URL, 2) : connectPglite(pgliteDir);
  await database.migrate();
  // The scale bench's generated users are there already: the demo (and its tokens) go beside them.
  await seedDemo(database.db, { log: false, besideOtherUsers: true });
  const tokens: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    tokens[user.email] = (await createApiToken(database.db, SYSTEM_ACTOR, { email: user.email, label: "e2e" })).token;
  }
  await database.close();
  fs.writeFileSync(path.join(dataDir, E2E_TOKENS_FILE), JSON.stringify(tokens));
}

async function main() {
  let server: ChildProcess | null = null;
  // Started by a test whose process was killed outright (no teardown ran): stop, server and all.
  watchSpawner(() => {
    server?.kill("SIGKILL");
    process.exit(1);
  });
  const dataDir = process.env.DATA_DIR;
  const port = process.env.PORT;
  if (!dataDir) throw new Error("DATA_DIR is required");
  await prepare(dataDir);
  if (process.argv.includes("--prepare-only")) return;
  if (!port) throw new Error("PORT is required");

  server = spawn(process.execPath, nextStartArgs(process.cwd(), port), {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const started = server;
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => started.kill(signal));
  started.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
