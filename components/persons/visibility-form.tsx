"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

/** An editor publishes a person with the entry, or keeps them private. */
export function VisibilityForm({ submit, isPublic, version }: { submit: FormActionFn; isPublic: boolean; version: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="flex items-center gap-2 text-xs">
      <input type="hidden" name="isPublic" value={String(!isPublic)} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} className="rounded border border-stone-300 bg-white px-2 py-1 font-medium text-stone-800 hover:bg-stone-100">
        {pending ? "Saving…" : isPublic ? "Make private" : "Publish with the entry"}
      </button>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </form>
  );
}

/** Take a person out of this claim, after a confirmation; the person and their names stay. */
export function RemovePersonButton({ submit, name }: { submit: (state: ActionState) => Promise<ActionState>; name: string }) {
  const [state, action, pending] = useActionState<ActionState>(submit, INITIAL_ACTION_STATE);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded px-2 py-1 text-xs text-stone-600 hover:bg-stone-100" aria-label={`Remove ${name} from this claim`}>
        Remove…
      </button>
    );
  }
  return (
    <form action={action} className="flex items-center gap-2 text-xs">
      <span className="text-stone-700">Remove from this claim?</span>
      <button type="submit" disabled={pending} className="rounded bg-rose-800 px-2 py-1 font-medium text-white hover:bg-rose-900">{pending ? "Removing…" : "Remove"}</button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded border border-stone-300 px-2 py-1">Cancel</button>
      {state.message && !state.ok ? <FormMessage message={state.message} tone="error" /> : null}
    </form>
  );
}
