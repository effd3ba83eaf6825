"use client";

import { useActionState } from "react";
import { gradeAction } from "@/app/(workspace)/claims/[claimId]/actions";
import { GRADE_LABEL, GRADE_MEANING } from "@/components/ui/badges";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { GRADES, type Grade } from "@/lib/vocabulary";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function GradeForm({ claimId, version, grade, rationale }: {
  claimId: string;
  version: number;
  grade: Grade | null;
  rationale: string | null;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(gradeAction.bind(null, claimId), INITIAL_ACTION_STATE);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" aria-label="Set grade" data-testid="grade-form">
      <input type="hidden" name="version" value={version} />
      <FormMessage message={state.message} tone="error" />
      <Field id="grade" label="Grade" errors={e.grade}>
        <select id="grade" name="grade" defaultValue={v.grade ?? grade ?? ""} className={inputClass}>
          <option value="" disabled>Choose…</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>{GRADE_LABEL[g]} — {GRADE_MEANING[g]}</option>
          ))}
        </select>
      </Field>
      <Field id="rationale" label="Rationale" hint="Internal: never published." errors={e.rationale}>
        <textarea id="rationale" name="rationale" rows={3} dir="auto" defaultValue={v.rationale ?? rationale ?? ""} className={inputClass} />
      </Field>
      <button type="submit" disabled={pending} className={buttonClass.secondary}>
        {pending ? "Saving…" : "Save grade"}
      </button>
    </form>
  );
}
