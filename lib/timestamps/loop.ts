import "server-only";
import type { Db } from "@/db/connect";
import { env } from "@/lib/env";
import { type TimeStampConfig, timeStampConfig } from "./config";
import { scheduleTimeStamps } from "./schedule";
import { pause } from "@/lib/jobs/pause";

/**
 * Every `everyMs` until `signal` aborts: queue what is to be stamped (./schedule.ts); the worker's
 * lanes run the jobs. Without TSA_URL it says so once and does nothing. A failure is logged and
 * the next pass tries again: nothing here stops the worker.
 */
export async function runTimeStampLoop(db: Db, signal: AbortSignal, { everyMs = 15_000, config = timeStampConfig() }: { everyMs?: number; config?: TimeStampConfig } = {}): Promise<void> {
  if (!config.url) {
    if (env.LOG_LEVEL === "info") console.log("[time-stamps] TSA_URL is not set: nothing is stamped by an outside time-stamping authority");
    return;
  }
  while (!signal.aborted) {
    try {
      await scheduleTimeStamps(db, config);
    } catch (error) {
      console.error("[time-stamps] could not queue time-stamps:", error instanceof Error ? error.message : error);
    }
    await pause(everyMs, signal);
  }
}
