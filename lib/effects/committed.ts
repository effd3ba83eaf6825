import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a committed operation changed that something outside the database must hear of: a lib/
 * operation says so here once its transaction has committed, and the door that called it hands
 * the list to the after-commit hook (`lib/server/after-commit.ts`), which drops caches (and,
 * later, sends notifications and webhooks). Domain code says what happened; it never calls
 * `next/cache` itself.
 */
export type Committed = { type: "public_entry.changed"; slug: string } | { type: "mail.queued" } | { type: "audit.appended" };

const reports = new AsyncLocalStorage<Committed[]>();

/** Called after the commit. Outside a door (the demo seed, the command line, tests) nobody listens. */
export function reportCommitted(happened: Committed): void {
  reports.getStore()?.push(happened);
}

/** Runs `run` and gathers into `into` what the operations it calls report, even when it throws later. */
export function gatherCommitted<T>(into: Committed[], run: () => Promise<T>): Promise<T> {
  return reports.run(into, run);
}
