"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The invitation's form: a name and a password twice. Once joined, the way to sign in. */
export function AcceptInvitationForm({ submit, name }: { submit: FormActionFn; name: string }) {
  const t = useTranslations("invite");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "invite-", required: ["name", "password", "passwordAgain"] });
  if (state.ok) {
    return (
      <div className="space-y-4" data-testid="invitation-accepted">
        <FormMessage message={state.message} tone="success" />
        <Link href="/login" className={`${buttonClass.primary} w-full no-underline`}>{t("signIn")}</Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" data-testid="accept-invitation-form">
      <FormMessage message={state.message} tone="error" links={state.links} />
      <Field {...f.field("name")} label={t("name")}>
        <input {...f.control("name", { fallback: name })} dir="auto" autoComplete="name" />
      </Field>
      <Field {...f.field("password")} label={t("password")}>
        <input {...f.control("password")} defaultValue="" type="password" autoComplete="new-password" />
      </Field>
      <Field {...f.field("passwordAgain")} label={t("passwordAgain")}>
        <input {...f.control("passwordAgain")} defaultValue="" type="password" autoComplete="new-password" />
      </Field>
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>{pending ? t("pending") : t("submit")}</button>
    </form>
  );
}
