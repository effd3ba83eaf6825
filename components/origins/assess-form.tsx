"use client";

import { useActionState } from "react";
import { answerKey, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

const CREDIBILITY = ["1 — confirmed", "2 — probably true", "3 — possibly true", "4 — doubtful", "5 — improbable", "6 — cannot be judged"];

/**
 * One reviewer's judgement of one item against the claim. A new one starts with nothing chosen:
 * a preselected "Supports / 3" biased the record towards what was already on the screen.
 */
export function AssessForm({ submit, evidenceId, current }: {
  submit: FormActionFn;
  evidenceId: string;
  current: { stance: string; credibility: number; note: string | null } | null;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="mt-2 flex flex-wrap items-end gap-2 text-xs" aria-label="Assess this item" data-testid="assess-form">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <label className="space-y-0.5">
        <span className="block text-stone-600">Stance</span>
        <select key={answerKey(state)} name="stance" required defaultValue={state.values?.stance ?? current?.stance ?? ""} className={`${inputClass} py-1 text-xs`}>
          <option value="" disabled>Choose…</option>
          <option value="supports">Supports</option>
          <option value="contradicts">Contradicts</option>
          <option value="context">Context</option>
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="block text-stone-600">Credibility</span>
        <select key={answerKey(state)} name="credibility" required defaultValue={state.values?.credibility ?? (current ? String(current.credibility) : "")} className={`${inputClass} py-1 text-xs`}>
          <option value="" disabled>Choose…</option>
          {CREDIBILITY.map((label, i) => <option key={label} value={i + 1}>{label}</option>)}
        </select>
      </label>
      <label className="min-w-40 flex-1 space-y-0.5">
        <span className="block text-stone-600">Note</span>
        <input name="note" defaultValue={current?.note ?? ""} dir="auto" className={`${inputClass} py-1 text-xs`} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-800 hover:bg-stone-100">
        {pending ? "Saving…" : current ? "Update assessment" : "Assess"}
      </button>
      {state.message ? <div className="w-full"><FormMessage message={state.message} tone={state.ok ? "success" : "error"} /></div> : null}
    </form>
  );
}
