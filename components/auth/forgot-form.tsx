"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The address to send a reset link to; the answer is the same whoever has it. */
export function ForgotForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "forgot-", required: ["email"] });
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate data-testid="forgot-form">
        <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
        <Field {...f.field("email")} label={t("email")}>
          <input key={f.answer} {...f.control("email", { fallback: "" })} type="email" dir="ltr" autoComplete="username" maxLength={254} />
        </Field>
        <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>
          {pending ? t("forgot.pending") : t("forgot.submit")}
        </button>
      </form>
      <p className="text-center text-sm">
        <Link href="/login" className="text-teal-800 underline">{t("forgot.back")}</Link>
      </p>
    </div>
  );
}
