"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { answerKey, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The credibility scale (1 confirmed … 6 cannot be judged), each level a key of `origins.assess.credibilityLevel`. */
const CREDIBILITY = ["1", "2", "3", "4", "5", "6"] as const;

/**
 * One reviewer's judgement of one item against the claim. A new one starts with nothing chosen:
 * a preselected "Supports / 3" biased the record towards what was already on the screen.
 */
export function AssessForm({ submit, evidenceId, current }: {
  submit: FormActionFn;
  evidenceId: string;
  current: { stance: string; credibility: number; note: string | null } | null;
}) {
  const t = useTranslations("origins.assess");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="mt-2 flex flex-wrap items-end gap-2 text-xs" aria-label={t("formLabel")} data-testid="assess-form">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <label className="space-y-0.5">
        <span className="block text-stone-600">{t("stance")}</span>
        <select key={answerKey(state)} name="stance" required defaultValue={state.values?.stance ?? current?.stance ?? ""} className={`${inputClass} py-1 text-xs`}>
          <option value="" disabled>{t("choose")}</option>
          <option value="supports">{t("stanceOption.supports")}</option>
          <option value="contradicts">{t("stanceOption.contradicts")}</option>
          <option value="context">{t("stanceOption.context")}</option>
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="block text-stone-600">{t("credibility")}</span>
        <select key={answerKey(state)} name="credibility" required defaultValue={state.values?.credibility ?? (current ? String(current.credibility) : "")} className={`${inputClass} py-1 text-xs`}>
          <option value="" disabled>{t("choose")}</option>
          {CREDIBILITY.map((level) => <option key={level} value={level}>{t(`credibilityLevel.${level}`, { level: Number(level) })}</option>)}
        </select>
      </label>
      <label className="min-w-40 flex-1 space-y-0.5">
        <span className="block text-stone-600">{t("note")}</span>
        <input name="note" defaultValue={current?.note ?? ""} dir="auto" className={`${inputClass} py-1 text-xs`} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-800 hover:bg-stone-100">
        {pending ? t("saving") : current ? t("update") : t("submit")}
      </button>
      {state.message ? <div className="w-full"><FormMessage message={state.message} tone={state.ok ? "success" : "error"} /></div> : null}
    </form>
  );
}
