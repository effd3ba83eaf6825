"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage, formFields } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, type NotificationDelivery, type NotificationKind } from "@/lib/vocabulary";

/** How each kind of notification reaches the person: a select per kind. */
export function NotificationPreferencesForm({ submit, preferences }: { submit: FormActionFn; preferences: Record<NotificationKind, NotificationDelivery> }) {
  const t = useTranslations("notifications");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const f = formFields(state, { idPrefix: "notify-" });
  return (
    <form action={action} aria-label={t("preferences.formLabel")} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" data-testid="notification-preferences-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <table className="w-full text-sm">
        <thead>
          <tr className="text-start text-stone-500">
            <th scope="col" className="pb-2 text-start font-medium">{t("preferences.kindColumn")}</th>
            <th scope="col" className="pb-2 text-start font-medium">{t("preferences.deliveryColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_KINDS.map((kind) => {
            const control = f.control(kind, { fallback: preferences[kind] });
            return (
              <tr key={kind} className="border-t border-stone-100">
                <td className="py-2 pe-3">
                  <label htmlFor={control.id}>{t(`kind.${kind}`)}</label>
                  {f.errors[kind] ? <p id={`${control.id}-error`} className="text-xs text-rose-700">{f.errors[kind].join(" ")}</p> : null}
                </td>
                <td className="py-2">
                  <select key={f.answer} {...control} className={`${control.className} max-w-56`}>
                    {NOTIFICATION_DELIVERIES.map((delivery) => (
                      <option key={delivery} value={delivery}>{t(`preferences.delivery.${delivery}`)}</option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{t("preferences.save")}</button>
    </form>
  );
}
