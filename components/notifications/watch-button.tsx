"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** Watch a claim, or stop watching it: the page says which it is now. */
export function WatchButton({ submit, watching }: { submit: FormActionFn; watching: boolean }) {
  const t = useTranslations("notifications.watch");
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="space-y-2" data-testid="watch-form">
      <p className="text-sm text-stone-600">{watching ? t("watching") : t("notWatching")}</p>
      <input type="hidden" name="watch" value={watching ? "off" : "on"} />
      <button type="submit" className={buttonClass.secondary} disabled={pending} aria-pressed={watching} data-testid="watch-button">
        {watching ? t("unwatch") : t("watch")}
      </button>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
    </form>
  );
}
