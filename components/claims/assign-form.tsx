"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function AssignForm({ submit, claimId, version, actorId, assignee }: {
  submit: FormActionFn;
  claimId: string;
  version: number;
  actorId: string;
  assignee: { id: string; name: string } | null;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  const isMine = assignee?.id === actorId;
  return (
    <form action={formAction} className="space-y-2" aria-label="Assignee" data-testid="assign-form">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="assigneeId" value={isMine ? "" : actorId} />
      <FormMessage message={state.message} tone="error" />
      <p className="text-sm text-stone-700">{assignee ? `Assigned to ${assignee.name}` : "Nobody is working on this yet."}</p>
      <button type="submit" disabled={pending} className={buttonClass.secondary}>
        {pending ? "Saving…" : isMine ? "Unassign me" : "Assign to me"}
      </button>
    </form>
  );
}
