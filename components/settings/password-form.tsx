"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/**
 * A password change: the current password, then the new one twice. No field is ever filled in
 * from the answer (the action does not send passwords back); after a refusal they are typed again.
 */
export function PasswordForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("settings.password");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "password-", required: ["currentPassword", "newPassword", "confirmPassword"] });
  const control = (name: string, autoComplete: string) => ({ ...f.control(name), defaultValue: undefined, type: "password", autoComplete, maxLength: 200 });
  return (
    <form action={action} className="space-y-4" aria-label={t("formLabel")} data-testid="password-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <Field {...f.field("currentPassword")} label={t("current")}>
        <input key={f.answer} {...control("currentPassword", "current-password")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...f.field("newPassword")} label={t("new")} hint={t("newHint")}>
          <input key={f.answer} {...control("newPassword", "new-password")} minLength={12} />
        </Field>
        <Field {...f.field("confirmPassword")} label={t("confirm")}>
          <input key={f.answer} {...control("confirmPassword", "new-password")} minLength={12} />
        </Field>
      </div>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("pending") : t("submit")}</button>
    </form>
  );
}
