"use client";

import { useActionState } from "react";
import { GRADE_LABEL, GRADE_MEANING } from "@/components/ui/badges";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { GRADES, type Grade } from "@/lib/vocabulary";
import { type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function GradeForm({ submit, version, grade, rationale }: {
  submit: FormActionFn;
  version: number;
  grade: Grade | null;
  rationale: string | null;
}) {
  const [state, formAction, pending] = useActionState(submit, INITIAL_ACTION_STATE);
  const f = formFields(state);
  return (
    <form action={formAction} className="space-y-3" aria-label="Set grade" data-testid="grade-form">
      <input type="hidden" name="version" value={version} />
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("grade")} label="Grade">
        <select key={f.answer} {...f.control("grade", { fallback: grade ?? "" })}>
          <option value="" disabled>Choose…</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>{GRADE_LABEL[g]} — {GRADE_MEANING[g]}</option>
          ))}
        </select>
      </Field>
      <Field {...f.field("rationale")} label="Rationale" hint="Internal: never published.">
        <textarea {...f.control("rationale", { fallback: rationale ?? "" })} rows={3} dir="auto" />
      </Field>
      <button type="submit" disabled={pending} className={buttonClass.secondary}>
        {pending ? "Saving…" : "Save grade"}
      </button>
    </form>
  );
}
