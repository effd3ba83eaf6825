import type { Db } from "@/db/connect";
import { connectionFailureOf } from "@/lib/errors/unavailable";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { sweepTempFiles } from "@/lib/evidence/receive";
import { tempDir } from "@/lib/evidence/storage/get-blob-store";
import { seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { runWorkerLoop } from "@/lib/jobs/worker";
import { runMailLoop } from "@/lib/mail/deliver";
import { runNotificationLoop } from "@/lib/notifications/loop";
import { runTimeStampLoop } from "@/lib/timestamps/loop";
import { closeDatabase, getDb } from "./database";
import { markBooted, serverOperations } from "./operations";
import { listenForInvalidations } from "@/lib/cache/shared-invalidation";
import { PUBLIC_ENTRY_RECEIVER } from "@/lib/publishing/public-cache";

const RETRY_MS = 2000;

function fail(error: unknown): never {
  console.error("[db] could not open the database:", error instanceof Error ? error.message : error);
  process.exit(1);
}

/** Seed the demo when asked; sweep temp files that died with an earlier process; work jobs in-process unless WORKER=off. */
async function afterOpen(db: Db, started: number): Promise<void> {
  if (env.SEED_DEMO) await seedDemo(db, { log: env.LOG_LEVEL !== "silent" });
  console.log(`[db] ready in ${Date.now() - started} ms`);
  const swept = await sweepTempFiles(tempDir());
  if (swept > 0) console.log(`[evidence] removed ${swept} temp file(s) left by an interrupted upload`);
  const operations = serverOperations();
  // Several servers on one PostgreSQL: hear what the others drop from their caches.
  if (env.DATABASE_URL) operations.afterShutdown(listenForInvalidations(env.DATABASE_URL, PUBLIC_ENTRY_RECEIVER));
  if (env.WORKER === "inline") {
    // At shutdown the loops take nothing more; the job running finishes before the database closes.
    const stop = new AbortController();
    const loops = Promise.all([
      runWorkerLoop(db, JOB_HANDLERS, stop.signal),
      runMailLoop(db, stop.signal),
      runNotificationLoop(db, stop.signal),
      runTimeStampLoop(db, stop.signal),
    ]);
    operations.onShutdown(async () => {
      stop.abort();
      await loops;
    });
  }
  operations.afterShutdown(closeDatabase);
  markBooted();
}

/** PostgreSQL that cannot be reached yet: try again every RETRY_MS until it can. */
async function waitForPostgres(): Promise<Db> {
  for (let attempt = 1; ; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    try {
      return await getDb();
    } catch (error) {
      const failure = connectionFailureOf(error);
      if (!failure) throw error;
      if (attempt % 30 === 0) console.error(`[db] PostgreSQL still cannot be reached (${failure.message}); retrying`);
    }
  }
}

/**
 * Called once at server start: open, migrate and seed (or stop the server with the reason), then
 * sweep and start the worker. PostgreSQL that cannot be reached is not a reason to stop: the
 * server answers 503 meanwhile and opens it as soon as it can.
 */
export async function bootDatabase(): Promise<void> {
  const started = Date.now();
  let db: Db;
  try {
    db = await getDb();
  } catch (error) {
    const failure = env.DATABASE_URL ? connectionFailureOf(error) : null;
    if (!failure) fail(error);
    console.error(`[db] PostgreSQL cannot be reached (${failure.message}); answering 503 and retrying every ${RETRY_MS / 1000} s`);
    void waitForPostgres()
      .then((opened) => afterOpen(opened, started))
      .catch(fail);
    return;
  }
  try {
    await afterOpen(db, started);
  } catch (error) {
    fail(error);
  }
}
