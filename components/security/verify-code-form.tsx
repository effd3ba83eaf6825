"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The second factor given as a code: from the authenticator app, or a recovery code. */
export function VerifyCodeForm({ submit, callbackUrl }: { submit: FormActionFn; callbackUrl: string }) {
  const t = useTranslations("twoFactor.verify");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "verify-", required: ["code"] });
  return (
    <form action={action} className="space-y-4" noValidate data-testid="verify-code-form">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage message={state.message} tone="error" />
      <Field {...f.field("code")} label={t("code")} hint={t("codeHint")}>
        <input {...f.control("code")} autoComplete="one-time-code" dir="ltr" autoFocus maxLength={40} spellCheck={false} autoCapitalize="off" />
      </Field>
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>{pending ? t("submitting") : t("submit")}</button>
    </form>
  );
}
