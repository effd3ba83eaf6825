"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/**
 * Persons were imported onto the claim after it was sent to review: the editor checks them (and
 * whose names may be published) before publishing, then dismisses the notice.
 */
export function ImportNoticeBanner({ submit, persons, claimId }: { submit: (state: ActionState) => Promise<ActionState>; persons: number; claimId: string }) {
  const t = useTranslations("persons");
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  return (
    <div role="note" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="import-notice">
      <p>{t.rich("notice.text", { count: persons, link: (chunks) => <a href={`/claims/${claimId}#persons-heading`}>{chunks}</a> })}</p>
      <form action={action}>
        <button type="submit" disabled={pending} className="rounded border border-amber-400 bg-white px-2 py-1 text-xs font-medium hover:bg-amber-100">
          {pending ? t("saving") : t("notice.checked")}
        </button>
      </form>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </div>
  );
}
