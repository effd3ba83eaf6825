"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Bidi } from "@/components/ui/bidi";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The person's name (theirs to change) and e-mail (an admin's to change). */
export function AccountForm({ submit, name, email }: { submit: FormActionFn; name: string; email: string }) {
  const t = useTranslations("settings.account");
  const ui = useTranslations("ui");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "account-", required: ["name"] });
  return (
    <form action={action} className="space-y-4" aria-label={t("formLabel")} data-testid="account-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <div className="text-sm">
        <span className="block font-medium text-stone-800">{t("email")}</span>
        <Bidi className="text-stone-700" data-testid="account-email">{email}</Bidi>
      </div>
      <Field {...f.field("name")} label={t("name")} hint={t("nameHint")}>
        <input {...f.control("name", { fallback: name })} dir="auto" autoComplete="name" maxLength={200} />
      </Field>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? ui("saving") : t("save")}</button>
    </form>
  );
}
