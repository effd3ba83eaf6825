"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function CaptureForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("evidence.capture");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="space-y-2" aria-label={t("formLabel")} data-testid="capture-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <label htmlFor="capture-url" className="block text-sm font-medium text-stone-800">{t("label")}</label>
      <div className="flex gap-2">
        <input id="capture-url" name="url" type="url" dir="ltr" required placeholder="https://…" defaultValue={state.ok ? "" : state.values?.url} className={inputClass} />
        <button type="submit" className={buttonClass.secondary} disabled={pending}>
          {pending ? t("queuing") : t("submit")}
        </button>
      </div>
      {state.fieldErrors?.url ? <p className="text-xs text-rose-700">{state.fieldErrors.url.join(" ")}</p> : null}
      <p className="text-xs text-stone-500">{t("hint")}</p>
    </form>
  );
}
