import { env } from "@/lib/env";
import { EVIDENCE_JOB_HANDLERS } from "@/lib/evidence/derive/handlers";
import { sweepTempFiles } from "@/lib/evidence/receive";
import { tempDir } from "@/lib/evidence/storage/get-blob-store";
import { runWorkerLoop } from "@/lib/jobs/worker";
import { getDb } from "./client";

/**
 * Called once at server start: open, migrate and seed (or stop the server with the reason), sweep
 * temp files that died with an earlier process, and work derivation jobs in-process unless
 * WORKER=off (then `npm run worker` does it).
 */
export async function bootDatabase(): Promise<void> {
  const started = Date.now();
  try {
    const db = await getDb();
    console.log(`[db] ready in ${Date.now() - started} ms`);
    const swept = await sweepTempFiles(tempDir());
    if (swept > 0) console.log(`[evidence] removed ${swept} temp file(s) left by an interrupted upload`);
    if (env.WORKER === "inline") {
      const stop = new AbortController();
      process.once("SIGTERM", () => stop.abort());
      void runWorkerLoop(db, EVIDENCE_JOB_HANDLERS, stop.signal);
    }
  } catch (error) {
    console.error("[db] could not open the database:", error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
