/**
 * Jobs one worker runs at once: one slow item cannot hold every other person's (issue 15). Apart
 * from lib/jobs/worker.ts so the fault tests can read it: a killed worker leaves up to this many
 * jobs running, taken again only after the stale bound.
 */
export const WORKER_LANES = 2;
