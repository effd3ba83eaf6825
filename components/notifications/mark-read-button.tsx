"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** Marks one notification read (`all`: every one of them); the inbox is drawn again after it. */
export function MarkReadButton({ submit, all = false, describedBy }: { submit: (state: ActionState) => Promise<ActionState>; all?: boolean; describedBy?: string }) {
  const t = useTranslations("notifications.inbox");
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="flex shrink-0 flex-col items-end gap-2">
      <button type="submit" disabled={pending} className={all ? buttonClass.secondary : `${buttonClass.secondary} px-3 py-1.5 text-xs`} aria-describedby={describedBy} data-testid={all ? "mark-all-read" : "mark-read"}>
        {all ? t("markAllRead") : t("markRead")}
      </button>
      {state.message ? <FormMessage message={state.message} tone={state.ok ? "success" : "error"} /> : null}
    </form>
  );
}
