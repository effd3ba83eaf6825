import "server-only";
import { EVIDENCE_JOB_HANDLERS } from "@/lib/evidence/derive/handlers";
import { commitmentJobHandlers } from "@/lib/publishing/commitment-backfill";
import { timeStampJobHandlers } from "@/lib/timestamps/jobs";
import type { JobHandler } from "./worker";

/** Every kind of job the worker runs: an item's derivations and capture, the time-stamps, and the commitments' back-fill. */
export const JOB_HANDLERS: Record<string, JobHandler> = { ...EVIDENCE_JOB_HANDLERS, ...timeStampJobHandlers(), ...commitmentJobHandlers };
