"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Bidi } from "@/components/ui/bidi";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export const TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "never"] as const;

/**
 * A new token of the person's own: a label, how long it lives (90 days unless they choose) and
 * read-only. The token comes back once in the answer, shown with a copy button; a reload loses it.
 */
export function TokenForm({ submit }: { submit: FormActionFn }) {
  const t = useTranslations("settings.tokens");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "token-", required: ["label"] });
  const created = state.ok ? state.values?.createdToken : undefined;
  const readOnly = state.values && !state.ok ? state.values.readOnly === "on" : false;
  return (
    <div className="space-y-4">
      {created ? <CreatedToken token={created} /> : <FormMessage message={state.ok ? null : state.message} tone="error" />}
      <form action={action} className="space-y-4" aria-label={t("formLabel")} data-testid="token-form">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...f.field("label")} label={t("label")} hint={t("labelHint")}>
            <input key={f.answer} {...f.control("label", { fallback: "" })} {...(state.ok ? { defaultValue: "" } : {})} dir="auto" maxLength={100} />
          </Field>
          <Field {...f.field("expiresInDays")} label={t("expiry")}>
            <select key={f.answer} {...f.control("expiresInDays", { fallback: "90" })} {...(state.ok ? { defaultValue: "90" } : {})}>
              {TOKEN_EXPIRY_CHOICES.map((choice) => (
                <option key={choice} value={choice}>{t(`expiryOption.${choice}`)}</option>
              ))}
            </select>
          </Field>
        </div>
        <label className="flex items-start gap-3 text-sm">
          <input key={f.answer} type="checkbox" name="readOnly" defaultChecked={readOnly} className="mt-0.5 size-4 accent-teal-800" />
          <span>
            <span className="font-medium text-stone-900">{t("readOnly")}</span>
            <span className="block text-stone-600">{t("readOnlyHint")}</span>
          </span>
        </label>
        <button type="submit" className={buttonClass.secondary} disabled={pending}>{pending ? t("creating") : t("create")}</button>
      </form>
    </div>
  );
}

/** The new token, once, with a copy button. */
function CreatedToken({ token }: { token: string }) {
  const t = useTranslations("settings.tokens");
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-950" data-testid="created-token">
      <p>{t("created")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-200">
          <Bidi data-testid="created-token-value">{token}</Bidi>
        </code>
        <button
          type="button"
          className={`${buttonClass.secondary} px-3 py-1.5 text-xs`}
          onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}
