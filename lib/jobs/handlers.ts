import "server-only";
import { EVIDENCE_JOB_HANDLERS } from "@/lib/evidence/derive/handlers";
import { timeStampJobHandlers } from "@/lib/timestamps/jobs";
import type { JobHandler } from "./worker";

/** Every kind of job the worker runs: an item's derivations and capture, and the time-stamps. */
export const JOB_HANDLERS: Record<string, JobHandler> = { ...EVIDENCE_JOB_HANDLERS, ...timeStampJobHandlers() };
