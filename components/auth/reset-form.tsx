"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The new password, twice, for the link's account. A link found dead on sending says so, with a way to ask again (the refusal's link). */
export function ResetForm({ submit, token }: { submit: FormActionFn; token: string }) {
  const t = useTranslations("signIn.reset");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "reset-", required: ["newPassword", "confirmPassword"] });
  const control = (name: string) => ({ ...f.control(name), defaultValue: undefined, type: "password", autoComplete: "new-password", minLength: 12, maxLength: 200 });
  return (
    <form action={action} className="space-y-4" noValidate data-testid="reset-form">
      <input type="hidden" name="token" value={token} />
      <FormMessage message={state.message} tone="error" links={state.links} />
      <Field {...f.field("newPassword")} label={t("newPassword")} hint={t("newPasswordHint")}>
        <input key={f.answer} {...control("newPassword")} />
      </Field>
      <Field {...f.field("confirmPassword")} label={t("confirmPassword")}>
        <input key={f.answer} {...control("confirmPassword")} />
      </Field>
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
