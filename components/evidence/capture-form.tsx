"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function CaptureForm({ submit }: { submit: FormActionFn }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="space-y-2" aria-label="Capture a web page" data-testid="capture-form">
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <label htmlFor="capture-url" className="block text-sm font-medium text-stone-800">Or capture a web page</label>
      <div className="flex gap-2">
        <input id="capture-url" name="url" type="url" required placeholder="https://…" defaultValue={state.ok ? "" : state.values?.url} className={inputClass} />
        <button type="submit" className={buttonClass.secondary} disabled={pending}>
          {pending ? "Queuing…" : "Capture"}
        </button>
      </div>
      {state.fieldErrors?.url ? <p className="text-xs text-rose-700">{state.fieldErrors.url.join(" ")}</p> : null}
      <p className="text-xs text-stone-500">The page, with its request and response headers, is preserved as a WARC record and hashed.</p>
    </form>
  );
}
