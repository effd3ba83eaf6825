import "server-only";
import type { JobHandler } from "@/lib/jobs/worker";
import { markDerivationFailed, runDerivation } from "./run-derivation";

/** The job kinds evidence intake enqueues, and who works them. */
export const EVIDENCE_JOB_HANDLERS: Record<string, JobHandler> = {
  "*": { run: runDerivation, onGiveUp: markDerivationFailed },
};
