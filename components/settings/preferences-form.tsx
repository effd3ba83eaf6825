"use client";

import { useActionState } from "react";
import { savePreferencesAction } from "@/app/(workspace)/settings/actions";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function PreferencesForm({ revealGraphicMedia }: { revealGraphicMedia: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(savePreferencesAction, INITIAL_ACTION_STATE);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <FormMessage message={state.message} tone="error" />
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" name="revealGraphicMedia" defaultChecked={revealGraphicMedia} className="mt-0.5 size-4 accent-teal-800" />
        <span>
          <span className="font-medium text-stone-900">Show graphic media without blur</span>
          <span className="block text-stone-600">
            By default, material marked graphic is blurred and muted until you choose to see it. This changes it for you only.
          </span>
        </span>
      </label>
      <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? "Saving…" : "Save"}</button>
    </form>
  );
}
