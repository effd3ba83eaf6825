import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { sweepTempFiles } from "@/lib/evidence/receive";
import { tempDir } from "@/lib/evidence/storage/get-blob-store";
import { runWorkerLoop } from "@/lib/jobs/worker";
import { runMailLoop } from "@/lib/mail/deliver";
import { runNotificationLoop } from "@/lib/notifications/loop";
import { runTimeStampLoop } from "@/lib/timestamps/loop";
import { env } from "@/lib/env";
import { openAppDatabase } from "./open-database";

/**
 * `npm run worker`: derivation, capture and time-stamp jobs, mail and notifications, apart from the
 * web servers (set WORKER=off on them). It runs as one process, node with tsx's loader
 * (`node --import tsx`), so a SIGTERM reaches it and nothing else. Under tsx's command line the
 * signal reaches tsx, which relays it and SIGKILLs the worker (exit 143) if the worker has not
 * acknowledged within 30 ms, as a worker busy with a job or on a loaded machine may not.
 */
async function main() {
  const database = await openAppDatabase("the job worker");
  await sweepTempFiles(tempDir());
  const stop = new AbortController();
  // The job running finishes, within SHUTDOWN_TIMEOUT_SECONDS; one left then is taken again by a
  // worker once its lock is stale (lib/jobs/queue.ts).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`[worker] ${signal}: finishing the jobs running, then exiting (at most ${env.SHUTDOWN_TIMEOUT_SECONDS} s)`);
      stop.abort();
      setTimeout(() => {
        console.error(`[worker] still working after ${env.SHUTDOWN_TIMEOUT_SECONDS} s: exiting anyway`);
        process.exit(1);
      }, env.SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    });
  }
  console.log("Working jobs; Ctrl-C to stop.");
  await Promise.all([
    runWorkerLoop(database.db, JOB_HANDLERS, stop.signal),
    runMailLoop(database.db, stop.signal),
    runNotificationLoop(database.db, stop.signal),
    runTimeStampLoop(database.db, stop.signal),
  ]);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
