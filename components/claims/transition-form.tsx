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
  claim: { grade: Grade | null; gradeRationale: string | null; title: string; summary: string; placeName: string | null };
};

const DANGER: TransitionAction[] = ["reject", "retract"];

export function TransitionForm({ submit, claimId, version, action, label, description, claim }: Props) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(
    submit,
    INITIAL_ACTION_STATE,
  );
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const id = (name: string) => `${action}-${name}`;
  const needsReason = action === "reject" || action === "retract" || action === "correct";
  const optionalReason = action === "send_back" || action === "duplicate" || action === "reopen";
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

      {action === "correct" ? (
        <>
          <input type="hidden" name="original_title" value={claim.title} />
          <input type="hidden" name="original_summary" value={claim.summary} />
          <input type="hidden" name="original_placeName" value={claim.placeName ?? ""} />
          <Field id={id("title")} label="Corrected title" errors={e["changes.title"]}>
            <input id={id("title")} name="change_title" dir="auto" defaultValue={v.change_title ?? claim.title} className={inputClass} />
          </Field>
          <Field id={id("summary")} label="Corrected summary" errors={e["changes.summary"]}>
            <textarea id={id("summary")} name="change_summary" rows={4} dir="auto" defaultValue={v.change_summary ?? claim.summary} className={inputClass} />
          </Field>
          <Field id={id("placeName")} label="Corrected place" errors={e["changes.placeName"]}>
            <input id={id("placeName")} name="change_placeName" dir="auto" defaultValue={v.change_placeName ?? claim.placeName ?? ""} className={inputClass} />
          </Field>
        </>
      ) : null}

      {needsReason || optionalReason ? (
        <Field
          id={id("reason")}
          label={
            action === "correct"
              ? "Correction note (public)"
              : action === "retract"
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
