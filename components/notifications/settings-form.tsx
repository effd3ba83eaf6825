"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, Field, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** The team's notification settings (an admin's): the reminder's days, titles in mail. */
export function NotificationSettingsForm({ submit, settings, maxDays }: { submit: FormActionFn; settings: { reminderDays: number; titlesInMail: boolean }; maxDays: number }) {
  const t = useTranslations("notifications.settings");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { required: ["reminderDays"] });
  const sent = state.values;
  return (
    <form action={action} className="space-y-5 rounded-lg border border-stone-200 bg-white p-5" data-testid="notification-settings-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <Field {...f.field("reminderDays")} label={t("reminderDays")} hint={t("reminderDaysHint")}>
        <input type="number" min={1} max={maxDays} inputMode="numeric" {...f.control("reminderDays", { fallback: String(settings.reminderDays) })} className={`${f.control("reminderDays").className} max-w-32`} />
      </Field>
      <div className="space-y-1">
        <label className="flex items-center gap-3 text-sm text-stone-800">
          <input type="checkbox" name="titlesInMail" defaultChecked={sent ? sent.titlesInMail === "on" : settings.titlesInMail} className="size-4 accent-teal-800" aria-describedby="titles-in-mail-hint" />
          <span>{t("titlesInMail")}</span>
        </label>
        <p id="titles-in-mail-hint" className="text-xs text-stone-500">{t("titlesInMailHint")}</p>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? t("saving") : t("save")}</button>
    </form>
  );
}
