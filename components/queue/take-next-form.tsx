"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/**
 * "Take next": the claim that has waited longest, unassigned, in the state shown (triage when the
 * queue shows no open state), of the kind shown, is given to the person and opened. The button is
 * the page's `t`; when nothing is left it says so beside it.
 */
export function TakeNextForm({ submit, state, kind, stateLabel }: { submit: FormActionFn; state: string; kind?: string; stateLabel: string }) {
  const t = useTranslations("queue.work");
  const [answer, formAction, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1" data-testid="take-next-form">
      <input type="hidden" name="state" value={state} />
      {kind ? <input type="hidden" name="kind" value={kind} /> : null}
      <button type="submit" disabled={pending} className={buttonClass.primary} data-shortcut="t" data-testid="take-next" title={t("takeNextTitle", { state: stateLabel })}>
        {pending ? t("taking") : t("takeNext")}
        <kbd className="rounded border border-white/40 px-1 font-mono text-[0.7rem] leading-4 text-white/90 max-md:hidden">t</kbd>
      </button>
      {answer.message ? (
        <p role="status" className="max-w-xs text-end text-xs text-stone-600" data-testid="take-next-message">
          {answer.message}
        </p>
      ) : null}
    </form>
  );
}
