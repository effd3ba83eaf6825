"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function SensitivityForm({ submit, version, isGraphic, hasPersonalData, returnTo, compact = false }: {
  submit: FormActionFn;
  version: number;
  isGraphic: boolean;
  hasPersonalData: boolean;
  /** A claim page to come back to after saving (when the form is shown inline there). */
  returnTo?: string;
  compact?: boolean;
}) {
  const t = useTranslations("evidence.sensitivity");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className={compact ? "space-y-1.5 text-xs" : "space-y-3"} aria-label={t("formLabel")} data-testid="sensitivity-form">
      <input type="hidden" name="version" value={version} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <FormMessage message={state.message} tone="error" />
      <label className={`flex items-center gap-2 ${compact ? "text-xs" : "text-sm"}`}>
        <input type="checkbox" name="isGraphic" defaultChecked={isGraphic} className="size-4 accent-teal-800" />
        {t("graphic")}
      </label>
      <label className={`flex items-center gap-2 ${compact ? "text-xs" : "text-sm"}`}>
        <input type="checkbox" name="hasPersonalData" defaultChecked={hasPersonalData} className="size-4 accent-teal-800" />
        {t("personalData")}
      </label>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("saving") : t("submit")}</button>
    </form>
  );
}
