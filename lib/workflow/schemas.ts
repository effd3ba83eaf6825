import { z } from "zod";
import { ZClaimVersion } from "@/lib/validation/number";
import { GRADES } from "@/lib/vocabulary";
import { zOptionalText, zText } from "@/lib/validation/text";
import { TRANSITION_ACTIONS } from "./machine";

/** The fields a correction may change; the rest of a published entry stays as published. */
export const ZCorrectionChanges = z
  .object({
    title: zText(300).optional(),
    summary: zText(10_000).optional(),
    placeName: zOptionalText(300),
  })
  .strict();

export const ZTransition = z
  .object({
    action: z.enum(TRANSITION_ACTIONS, { error: `Use one of: ${TRANSITION_ACTIONS.join(", ")}.` }),
    version: ZClaimVersion,
    reason: zOptionalText(5000),
    targetId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(100).optional()),
    grade: z.preprocess((v) => (v === "" ? undefined : v), z.enum(GRADES).optional()),
    rationale: zOptionalText(5000),
    changes: ZCorrectionChanges.optional(),
  })
  .strict();
export type TTransition = z.input<typeof ZTransition>;
