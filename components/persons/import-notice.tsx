"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/**
 * Persons were imported onto the claim after it was sent to review: the editor checks them (and
 * whose names may be published) before publishing, then dismisses the notice.
 */
export function ImportNoticeBanner({ submit, persons, claimId }: { submit: (state: ActionState) => Promise<ActionState>; persons: number; claimId: string }) {
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  return (
    <div role="note" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="import-notice">
      <p>
        {persons} person{persons === 1 ? " was" : "s were"} imported while this claim was in review — check them before publishing.{" "}
        <a href={`/claims/${claimId}#persons-heading`}>See the persons</a>
      </p>
      <form action={action}>
        <button type="submit" disabled={pending} className="rounded border border-amber-400 bg-white px-2 py-1 text-xs font-medium hover:bg-amber-100">
          {pending ? "Saving…" : "I have checked them"}
        </button>
      </form>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </div>
  );
}
