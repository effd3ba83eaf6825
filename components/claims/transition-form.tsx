"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { TransitionAction } from "@/lib/workflow/machine";

type Props = {
  submit: FormActionFn;
  claimId: string;
  version: number;
  action: TransitionAction;
  label: string;
  description: string;
};

const DANGER: TransitionAction[] = ["reject", "retract", "discard_correction"];

/**
 * One workflow step's form (its reason, or the claim it duplicates). Sending to review is the grade
 * form's (components/claims/grade-form.tsx) and a correction has its own forms.
 */
export function TransitionForm({ submit, claimId, version, action, label, description }: Props) {
  const t = useTranslations("claims.transition");
  const ui = useTranslations("ui");
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
        <Field id={id("targetId")} label={t("duplicateOf")} errors={e.targetId}>
          <input id={id("targetId")} name="targetId" defaultValue={v.targetId} className={inputClass} required />
        </Field>
      ) : null}

      {needsReason || optionalReason ? (
        <Field
          id={id("reason")}
          label={action === "retract" ? t("retractionNote") : action === "reject" ? t("rejectReason") : t("note")}
          errors={e.reason}
        >
          <textarea
            id={id("reason")}
            name="reason"
            rows={2}
            dir="auto"
            defaultValue={v.reason}
            className={inputClass}
            required={needsReason}
            data-shortcut={action === "reject" ? "r" : undefined}
          />
        </Field>
      ) : null}

      <button
        type="submit"
        disabled={pending}
        className={DANGER.includes(action) ? buttonClass.danger : buttonClass.primary}
        data-shortcut={action === "accept" ? "a" : undefined}
      >
        {pending ? ui("working") : label}
      </button>
    </form>
  );
}
