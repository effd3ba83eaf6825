import "server-only";
import type { JobHandler } from "@/lib/jobs/worker";
import { markCaptureFailed, runCapture } from "../capture/run-capture";
import { markDerivationFailed, runDerivation } from "./run-derivation";

/** The job kinds evidence intake enqueues, and who works them. */
export const EVIDENCE_JOB_HANDLERS: Record<string, JobHandler> = {
  capture: { run: runCapture, onGiveUp: markCaptureFailed },
  "*": { run: runDerivation, onGiveUp: markDerivationFailed },
};
