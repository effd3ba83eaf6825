"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { RecoveryCodes } from "./recovery-codes";

type CodesState = ActionState & { recoveryCodes?: string[] };

/**
 * A button whose action asks first (removing a factor, replacing the recovery codes): the question
 * and "Yes" / "Cancel" take its place until answered. New recovery codes in the answer are shown.
 */
export function ConfirmForm({ submit, label, question, testId, danger = false }: { submit: (state: CodesState, form: FormData) => Promise<CodesState>; label: string; question: string; testId: string; danger?: boolean }) {
  const t = useTranslations("twoFactor.confirm");
  const [asking, setAsking] = useState(false);
  const [state, action, pending] = useActionState<CodesState, FormData>(async (prev, form) => {
    setAsking(false);
    return submit(prev, form);
  }, INITIAL_ACTION_STATE);
  return (
    <div className="space-y-3" data-testid={testId}>
      <FormMessage message={state.ok ? null : state.message} tone="error" />
      {state.ok && state.message ? <FormMessage message={state.message} tone="success" /> : null}
      {state.recoveryCodes ? <RecoveryCodes codes={state.recoveryCodes} /> : null}
      {asking ? (
        <form action={action} className="flex flex-wrap items-center gap-3 rounded-md border border-stone-200 bg-stone-50 p-3">
          <p className="text-sm text-stone-800">{question}</p>
          <button type="submit" className={danger ? buttonClass.danger : buttonClass.primary} disabled={pending}>{t("yes")}</button>
          <button type="button" className={buttonClass.secondary} onClick={() => setAsking(false)}>{t("cancel")}</button>
        </form>
      ) : (
        <button type="button" className={buttonClass.secondary} onClick={() => setAsking(true)} disabled={pending}>{label}</button>
      )}
    </div>
  );
}
