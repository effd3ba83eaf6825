import "server-only";
import { revalidatePath } from "next/cache";
import { type Committed, gatherCommitted } from "@/lib/effects/committed";
import { deliverDueMail } from "@/lib/mail/deliver";
import { requestFanOut } from "@/lib/notifications/loop";
import { revalidatePublicEntries } from "@/lib/publishing/public-cache";
import { getDb } from "./database";

/**
 * The one after-commit hook. Every door (the form actions' kit, `apiRoute`) runs its operation
 * through it: what the operation reports as committed is acted on here, once, after the operation
 * returns or throws (an operation may commit and then fail to read its answer back). `pagesOf`
 * names the workspace pages a successful result asks to see fresh (a form's `refresh`).
 */
export async function withAfterCommit<T>(run: () => Promise<T>, pagesOf?: (result: T) => readonly string[]): Promise<T> {
  const committed: Committed[] = [];
  let pages: readonly string[] = [];
  try {
    const result = await gatherCommitted(committed, run);
    pages = pagesOf?.(result) ?? [];
    return result;
  } finally {
    await runAfterCommit(committed, pages);
  }
}

/**
 * Drops what the changes made stale (here, and announced to the other servers before the answer);
 * `pages` are the workspace pages a form asks to see fresh.
 */
export async function runAfterCommit(committed: readonly Committed[], pages: readonly string[] = []): Promise<void> {
  for (const slug of new Set(committed.filter((c) => c.type === "public_entry.changed").map((c) => c.slug))) {
    await revalidatePublicEntries(slug);
  }
  for (const page of pages) revalidatePath(page);
  // New audit events become notifications (lib/notifications/fan-out.ts), read from the log after
  // the commit: never the actor's own act, never for a change that rolled back.
  if (committed.some((c) => c.type === "audit.appended")) void getDb().then((db) => requestFanOut(db)).catch((error) => console.error("[notifications]", error instanceof Error ? error.message : error));
  // Mail goes out after the answer; a failure stays queued for the next sweep (lib/mail/deliver.ts).
  if (committed.some((c) => c.type === "mail.queued")) void getDb().then((db) => deliverDueMail(db)).catch((error) => console.error("[mail]", error instanceof Error ? error.message : error));
}
