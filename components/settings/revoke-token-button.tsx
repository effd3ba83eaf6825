"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** "Revoke…", then a confirmation that the scripts using the token stop at once. */
export function RevokeTokenButton({ submit, label }: { submit: (state: ActionState) => Promise<ActionState>; label: string }) {
  const t = useTranslations("settings.tokens");
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  if (!confirming && !(state.message && !state.ok)) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="shrink-0 rounded-md border border-stone-300 bg-white px-3 py-1.5 text-xs font-medium text-stone-800 hover:bg-stone-100" aria-label={t("revokeLabel", { label })}>
        {t("revoke")}
      </button>
    );
  }
  return (
    <form action={action} className="flex max-w-xs flex-wrap items-center justify-end gap-2 text-xs" data-testid="revoke-confirm">
      <span className="text-stone-700">{t("revokeConfirm")}</span>
      <button type="submit" disabled={pending} className="rounded-md bg-rose-800 px-3 py-1.5 font-medium text-white hover:bg-rose-900">{pending ? t("revoking") : t("revokeNow")}</button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-stone-300 px-3 py-1.5">{t("cancel")}</button>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </form>
  );
}
