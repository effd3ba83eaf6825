"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** Ends one session at once (nothing is lost by it: the person signs in again); this device's is "Sign out here". */
export function EndSessionButton({ submit, current, describedBy }: { submit: (state: ActionState) => Promise<ActionState>; current: boolean; describedBy: string }) {
  const t = useTranslations("settings.sessions");
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="flex shrink-0 flex-col items-end gap-2">
      <button type="submit" disabled={pending} className={`${buttonClass.secondary} px-3 py-1.5 text-xs`} aria-describedby={describedBy}>
        {current ? t("endThis") : t("end")}
      </button>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </form>
  );
}
