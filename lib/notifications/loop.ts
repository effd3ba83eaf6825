import "server-only";
import type { Db } from "@/db/connect";
import { deliverDueMail } from "@/lib/mail/deliver";
import { fanOutNotifications } from "./fan-out";
import { sweepNotifications } from "./sweep";
import { pause } from "@/lib/jobs/pause";

const log = (error: unknown) => console.error("[notifications]", error instanceof Error ? error.message : error);

let running: Promise<void> | null = null;
let again = false;

/**
 * Fans the audit log out as notifications now (the after-commit hook calls this whenever an event
 * was appended). Calls that come while a pass runs make it run once more rather than queue beside
 * it: one process holds one database connection for it, however many requests commit at once.
 */
export function requestFanOut(db: Db): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const { mailed } = await fanOutNotifications(db);
      if (mailed > 0) await deliverDueMail(db);
    } while (again);
  })()
    .catch(log)
    .finally(() => {
      running = null;
    });
  return running;
}

/** Every `everyMs` until `signal` aborts: the fan-out (events appended by other processes), reminders, the digest. */
export async function runNotificationLoop(db: Db, signal: AbortSignal, { everyMs = 30_000 } = {}): Promise<void> {
  while (!signal.aborted) {
    await requestFanOut(db);
    try {
      const { mailed } = await sweepNotifications(db);
      if (mailed > 0) await deliverDueMail(db);
    } catch (error) {
      log(error);
    }
    await pause(everyMs, signal);
  }
}
