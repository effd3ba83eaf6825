"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { useVocabulary } from "@/components/ui/speech";
import { GRADES, type Grade } from "@/lib/vocabulary";
import { type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/**
 * The claim's one grade selector. It saves the grade, or (with `sendToReview`) saves it and sends
 * the claim to an editor in the same step: the button pressed says which (`intent`). A refusal of
 * the sending (an item not reviewed for sensitivity) names the items to put right, with links.
 */
export function GradeForm({ submit, version, grade, rationale, sendToReview }: {
  submit: FormActionFn;
  version: number;
  grade: Grade | null;
  rationale: string | null;
  /** The label of the send-to-review step, when this person may take it now. */
  sendToReview?: string;
}) {
  const t = useTranslations("claims");
  const ui = useTranslations("ui");
  const words = useVocabulary();
  const [state, formAction, pending] = useActionState(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "grade-", required: sendToReview ? ["grade", "rationale"] : ["grade"] });
  return (
    <form action={formAction} className="space-y-3" aria-label={t("gradeForm.label")} data-testid="grade-form">
      <input type="hidden" name="version" value={version} />
      <FormMessage message={state.message} tone="error" links={state.links} />
      <Field {...f.field("grade")} label={t("field.grade")}>
        <select key={f.answer} {...f.control("grade", { fallback: grade ?? "" })} data-shortcut="g">
          <option value="" disabled>{ui("choose")}</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>{t("gradeOption", { grade: words.grade(g), meaning: words.gradeMeaning(g) })}</option>
          ))}
        </select>
      </Field>
      <Field {...f.field("rationale")} label={t("gradeForm.rationale")} hint={t("gradeForm.rationaleHint")}>
        <textarea {...f.control("rationale", { fallback: rationale ?? "" })} rows={3} dir="auto" />
      </Field>
      <div className="flex flex-wrap gap-2">
        {sendToReview ? (
          <button type="submit" name="intent" value="send_to_review" disabled={pending} className={buttonClass.primary}>
            {pending ? ui("working") : sendToReview}
          </button>
        ) : null}
        <button type="submit" name="intent" value="save" disabled={pending} className={buttonClass.secondary}>
          {pending ? ui("saving") : t("gradeForm.save")}
        </button>
      </div>
    </form>
  );
}
