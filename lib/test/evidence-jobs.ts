import { EVIDENCE_JOB_HANDLERS } from "@/lib/evidence/derive/handlers";
import type { JobHandler } from "@/lib/jobs/worker";

const skipped: JobHandler = { run: async () => {}, onGiveUp: async () => {} };

/**
 * The evidence jobs, but the working copies (`web`, `low`) completed without being made: for the
 * tests of something else about a video (its notes, its frames), which need not pay for ffmpeg
 * encoding it twice. The copies' own tests (lib/evidence/working-copies.test.ts) make them.
 */
export const JOBS_WITHOUT_COPIES: Record<string, JobHandler> = { ...EVIDENCE_JOB_HANDLERS, web: skipped, low: skipped };
