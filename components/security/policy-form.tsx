"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { Role } from "@/lib/vocabulary";

/** Which roles must use a second factor: a checkbox per role. */
export function PolicyForm({ submit, policy, roleNames }: { submit: FormActionFn; policy: Record<Role, boolean>; roleNames: Record<Role, string> }) {
  const t = useTranslations("twoFactor.policy");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const sent = state.values;
  return (
    <form action={action} className="space-y-5 rounded-lg border border-stone-200 bg-white p-5" data-testid="policy-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-medium text-stone-900">{t("legend")}</legend>
        {(Object.keys(policy) as Role[]).map((role) => (
          <label key={role} className="flex items-center gap-3 text-sm text-stone-800">
            <input type="checkbox" name={`require-${role}`} defaultChecked={sent ? sent[`require-${role}`] === "on" : policy[role]} className="size-4 accent-teal-800" />
            <span>{t("require", { role: roleNames[role] })}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("saving") : t("save")}</button>
    </form>
  );
}
