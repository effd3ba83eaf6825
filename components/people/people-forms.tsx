"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useActionState, useId } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { ROLES, type Role } from "@/lib/vocabulary";

/** Invite an address with a role; the answer says where the link went (mail, or the outbox). */
export function InviteForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("people.invite");
  const roles = useTranslations("roles");
  const ui = useTranslations("ui");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "invite-", required: ["email", "role"] });
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" aria-labelledby="invite-heading" data-testid="invite-form">
      <div>
        <h2 id="invite-heading">{t("heading")}</h2>
        <p className="text-sm text-stone-600">{t("hint")}</p>
      </div>
      <FormMessage message={state.ok ? null : state.message} tone="error" />
      <FormMessage message={state.ok ? state.message : null} tone="success" />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field {...f.field("email")} label={t("email")}>
          <input {...f.control("email")} key={`email-${f.answer}`} defaultValue={state.ok ? "" : f.values.email} type="email" dir="ltr" autoComplete="off" />
        </Field>
        <Field {...f.field("role")} label={t("role")}>
          <select key={f.answer} {...f.control("role", { fallback: "reviewer" })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{roles(r)}</option>
            ))}
          </select>
        </Field>
        <Field {...f.field("name")} label={t("name")}>
          <input {...f.control("name")} key={`name-${f.answer}`} defaultValue={state.ok ? "" : f.values.name} dir="auto" autoComplete="off" />
        </Field>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? ui("saving") : t("submit")}</button>
    </form>
  );
}

/** A person's role: a choice and a button. */
export function RoleForm({ submit, role, disabled }: { submit: FormActionFn; role: Role; disabled?: boolean }) {
  const t = useTranslations("people.detail");
  const roles = useTranslations("roles");
  const ui = useTranslations("ui");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "person-" });
  return (
    <form action={action} className="space-y-3" data-testid="role-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48">
          <Field {...f.field("role")} label={t("role")} hint={t("roleHint")}>
            <select key={f.answer} {...f.control("role", { fallback: role })} disabled={disabled}>
              {ROLES.map((r) => (
                <option key={r} value={r}>{roles(r)}</option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className={`${buttonClass.secondary} mb-5`} disabled={pending || disabled}>{pending ? ui("saving") : t("saveRole")}</button>
      </div>
    </form>
  );
}

/**
 * One button that posts an action, its answer beside it. With `confirm`, the button first opens
 * a question (a disclosure, so it works without JavaScript too) whose own button posts.
 */
export function ActionButton({ submit, label, fields = {}, tone = "secondary", confirm, testId }: {
  submit: FormActionFn;
  label: string;
  fields?: Record<string, string>;
  tone?: "secondary" | "danger";
  confirm?: { question: ReactNode; detail: string };
  testId?: string;
}) {
  const t = useTranslations("people.detail");
  const ui = useTranslations("ui");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const questionId = useId();
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const button = (text: string) => (
    <button type="submit" className={buttonClass[tone]} disabled={pending}>{pending ? ui("saving") : text}</button>
  );
  return (
    <form action={action} className="space-y-2" data-testid={testId}>
      {hidden}
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      {confirm && !state.ok ? (
        <details className="group">
          <summary className={`${buttonClass[tone === "danger" ? "secondary" : tone]} cursor-pointer list-none`}>{label}</summary>
          <div role="alertdialog" aria-labelledby={questionId} className="mt-2 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            <p id={questionId} className="font-medium">{confirm.question}</p>
            <p>{confirm.detail}</p>
            {button(t("confirm"))}
          </div>
        </details>
      ) : confirm ? null : (
        button(label)
      )}
    </form>
  );
}
