"use client";

import { useActionState } from "react";
import { GRADE_LABEL, GRADE_MEANING } from "@/components/ui/badges";
import { answerKey, buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { GRADES, type Grade } from "@/lib/vocabulary";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { TransitionAction } from "@/lib/workflow/machine";

type Props = {
  submit: FormActionFn;
  claimId: string;
  version: number;
  action: TransitionAction;
  label: string;
  description: string;
  claim: { grade: Grade | null; gradeRationale: string | null };
};

const DANGER: TransitionAction[] = ["reject", "retract", "discard_correction"];

export function TransitionForm({ submit, claimId, version, action, label, description, claim }: Props) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(
    submit,
    INITIAL_ACTION_STATE,
  );
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const id = (name: string) => `${action}-${name}`;
  const needsReason = action === "reject" || action === "retract";
  const optionalReason = action === "send_back" || action === "duplicate" || action === "reopen" || action === "discard_correction";
  return (
    <form action={formAction} className="space-y-3" aria-label={label} data-testid={`transition-${action}`}>
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="version" value={version} />
      <p className="text-sm text-stone-600">{description}</p>
      <FormMessage message={state.message} tone="error" links={state.links} />

      {action === "duplicate" ? (
        <Field id={id("targetId")} label="Duplicate of (claim id or address)" errors={e.targetId}>
          <input id={id("targetId")} name="targetId" defaultValue={v.targetId} className={inputClass} required />
        </Field>
      ) : null}

      {action === "send_to_review" ? (
        <>
          <Field id={id("grade")} label="Grade" errors={e.grade}>
            <select key={answerKey(state)} id={id("grade")} name="grade" defaultValue={v.grade ?? claim.grade ?? ""} className={inputClass} required>
              <option value="" disabled>Choose…</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>{GRADE_LABEL[g]} — {GRADE_MEANING[g]}</option>
              ))}
            </select>
          </Field>
          <Field id={id("rationale")} label="Rationale for the grade" errors={e.rationale}>
            <textarea id={id("rationale")} name="rationale" rows={3} dir="auto" defaultValue={v.rationale ?? claim.gradeRationale ?? ""} className={inputClass} required />
          </Field>
        </>
      ) : null}

      {needsReason || optionalReason ? (
        <Field
          id={id("reason")}
          label={
            action === "retract"
                ? "Retraction note (public)"
                : action === "reject"
                  ? "Reason for rejecting"
                  : "Note (optional)"
          }
          errors={e.reason}
        >
          <textarea id={id("reason")} name="reason" rows={2} dir="auto" defaultValue={v.reason} className={inputClass} required={needsReason} />
        </Field>
      ) : null}

      <button type="submit" disabled={pending} className={DANGER.includes(action) ? buttonClass.danger : buttonClass.primary}>
        {pending ? "Working…" : label}
      </button>
    </form>
  );
}
