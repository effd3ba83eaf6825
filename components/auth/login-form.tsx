"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type SignInState, signInAction } from "@/app/(auth)/login/actions";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/form";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage message={state.error} tone="error" />
      <Field id="email" label={t("email")}>
        <input id="email" name="email" type="email" dir="ltr" autoComplete="username" required defaultValue={state.email} className={inputClass} />
      </Field>
      <Field id="password" label={t("password")}>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </Field>
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
