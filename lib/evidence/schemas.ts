import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { DISCLOSURES } from "@/lib/vocabulary";
import { messageRef } from "@/lib/i18n/message-ref";

export const ZCaptureRequest = z
  .object({
    url: z
      .string()
      .trim()
      .max(2000, messageRef("validation.atMostCharacters", { max: 2000 }))
      .url(messageRef("validation.notUrl"))
      .refine((u) => /^https?:\/\//i.test(u), messageRef("validation.httpUrl")),
  })
  .strict();
export type TCaptureRequest = z.input<typeof ZCaptureRequest>;

export const ZMarkSensitivity = z
  .object({
    isGraphic: z.boolean(),
    hasPersonalData: z.boolean(),
    version: z.number().int().positive(),
  })
  .strict();
export type TMarkSensitivity = z.input<typeof ZMarkSensitivity>;

/** Who published an item and who it reached us through; settable when it is added, and later. */
export const ZEvidenceProvenance = z
  .object({
    publishedBySourceId: z.preprocess((v) => (v === "" ? null : v), z.uuid(messageRef("validation.notSourceId")).nullable().optional()),
    obtainedViaSourceId: z.preprocess((v) => (v === "" ? null : v), z.uuid(messageRef("validation.notSourceId")).nullable().optional()),
    isFirstHand: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional()),
  })
  .strict();
export type TEvidenceProvenance = z.input<typeof ZEvidenceProvenance>;

/** Ask for a failed capture again: nothing to say, or the version the person saw. */
export const ZRetryCapture = z
  .object({
    version: z.number().int().positive().optional(),
  })
  .strict();
export type TRetryCapture = z.input<typeof ZRetryCapture>;

/** How the public names an item (`rule`: as the rule says), with the reason, against the item's version. */
export const ZSetDisclosure = z
  .object({
    disclosure: z.enum([...DISCLOSURES, "rule"], { error: messageRef("validation.useOneOf", { options: [...DISCLOSURES, "rule"].join(", ") }) }),
    reason: zText(500),
    version: z.number().int().positive(),
  })
  .strict();
export type TSetDisclosure = z.input<typeof ZSetDisclosure>;

/** Why an item's commitment key is given out, and to whom: recorded in the audit log. */
export const ZDiscloseCommitment = z
  .object({
    reason: zText(500),
  })
  .strict();
export type TDiscloseCommitment = z.input<typeof ZDiscloseCommitment>;

/** Take an item out of its claim, saying why: it stays in the custody trail, and counts for nothing. */
export const ZWithdrawEvidence = z
  .object({
    reason: zText(500),
    version: z.number().int().positive(),
  })
  .strict();
export type TWithdrawEvidence = z.input<typeof ZWithdrawEvidence>;
