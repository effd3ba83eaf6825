import { z } from "zod";
import { PUBLIC_CLAIM_FIELD_EDITS, ZGradeClaim, ZSubmitClaim } from "@/lib/claims/schemas";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { ZClaimVersion } from "@/lib/validation/number";
import { GRADES } from "@/lib/vocabulary";
import { zOptionalText } from "@/lib/validation/text";
import { TRANSITION_ACTIONS } from "./machine";
import { messageRef } from "@/lib/i18n/message-ref";

/** A translation of the entry's public wording, bounded as the original's title and summary are. */
const ZTranslation = z.object({ title: ZSubmitClaim.shape.title, summary: ZSubmitClaim.shape.summary }).strict();

/**
 * Translations by interface language, each given whole or null (removed); those not named stay as
 * they are. One into the entry's own language is refused where the language is known
 * (lib/workflow/corrections.ts).
 */
const ZTranslationChanges = z
  .object(Object.fromEntries(LOCALES.map((locale) => [locale, ZTranslation.nullable().optional()])) as Record<Locale, z.ZodOptional<z.ZodNullable<typeof ZTranslation>>>)
  .strict();

/**
 * The fields a correction may change: every public field of the claim, as an edit sends them (null
 * clears an optional one), the grade with its rationale, and the translations of the title and
 * summary (issue 18). The rationale stays internal (the snapshot never carries it); the reason of
 * the correction becomes the public change note. Persons, figures and evidence change through
 * their own doors and join the version at publication.
 */
export const ZCorrectionChanges = z
  .object({
    ...PUBLIC_CLAIM_FIELD_EDITS,
    grade: ZGradeClaim.shape.grade.optional(),
    gradeRationale: ZGradeClaim.shape.rationale.optional(),
    translations: ZTranslationChanges.optional(),
  })
  .strict();
export type TCorrectionChanges = z.infer<typeof ZCorrectionChanges>;
export const CORRECTABLE_FIELDS = Object.keys(ZCorrectionChanges.shape) as (keyof TCorrectionChanges)[];

export const ZTransition = z
  .object({
    action: z.enum(TRANSITION_ACTIONS, { error: messageRef("validation.useOneOf", { options: TRANSITION_ACTIONS.join(", ") }) }),
    version: ZClaimVersion,
    reason: zOptionalText(5000),
    targetId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(100).optional()),
    grade: z.preprocess((v) => (v === "" ? undefined : v), z.enum(GRADES).optional()),
    rationale: zOptionalText(5000),
    changes: ZCorrectionChanges.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    // A field another step takes is refused, not silently dropped: the caller meant something by it.
    for (const [field, takenBy] of Object.entries(FIELD_OF_ACTIONS)) {
      if (t[field as keyof typeof FIELD_OF_ACTIONS] !== undefined && !takenBy.includes(t.action)) {
        ctx.addIssue({ code: "custom", path: [field], message: messageRef("validation.workflow.fieldNotTaken", { action: t.action, field, takenBy: takenBy.join(", ") }) });
      }
    }
  });

/** The fields only some steps take (`reason` is taken by every step that gives one). */
const FIELD_OF_ACTIONS: Record<"targetId" | "grade" | "rationale" | "changes", readonly (typeof TRANSITION_ACTIONS)[number][]> = {
  targetId: ["duplicate"],
  grade: ["send_to_review"],
  rationale: ["send_to_review"],
  changes: ["correct"],
};
export type TTransition = z.input<typeof ZTransition>;
