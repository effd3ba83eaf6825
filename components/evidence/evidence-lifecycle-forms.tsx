"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** "Retry" on a failed capture: queues it again. */
export function RetryCaptureForm({ submit, version, returnTo }: { submit: FormActionFn; version: number; returnTo?: string }) {
  const t = useTranslations("evidence.retry");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="space-y-1.5" aria-label={t("formLabel")} data-testid="retry-capture-form">
      <input type="hidden" name="version" value={version} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <FormMessage message={state.message} tone="error" links={state.links} />
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("queuing") : t("submit")}</button>
    </form>
  );
}

/**
 * "Withdraw…": asks why, and to confirm that the item will no longer count. The reason is kept
 * after a refusal. The item stays in the custody trail; the claim's counts leave it.
 */
export function WithdrawEvidenceForm({ submit, version, returnTo, idPrefix }: { submit: FormActionFn; version: number; returnTo?: string; idPrefix: string }) {
  const t = useTranslations("evidence.withdraw");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix });
  const reason = f.field("reason");
  return (
    <details className="text-xs" open={!!state.message} data-testid="withdraw-evidence">
      <summary className="cursor-pointer text-rose-800">{t("summary")}</summary>
      <form action={action} className="mt-2 max-w-md space-y-2" aria-label={t("formLabel")} data-testid="withdraw-evidence-form">
        <input type="hidden" name="version" value={version} />
        {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
        <FormMessage message={state.message} tone="error" links={state.links} />
        <div className="space-y-1">
          <label htmlFor={reason.id} className="block font-medium text-stone-800">{t("reason")} <span aria-hidden="true">*</span></label>
          <textarea {...f.control("reason")} required maxLength={500} rows={2} dir="auto" placeholder={t("reasonPlaceholder")} />
          {reason.errors?.length ? <p id={`${reason.id}-error`} className="text-rose-700">{reason.errors.join(" ")}</p> : null}
        </div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="confirm" required className="mt-0.5 size-4 accent-rose-800" defaultChecked={state.values?.confirm === "on"} />
          <span>{t("confirm")}</span>
        </label>
        <button type="submit" className={buttonClass.danger} disabled={pending}>{pending ? t("pending") : t("submit")}</button>
      </form>
    </details>
  );
}
