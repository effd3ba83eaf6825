"use client";

import { useActionState } from "react";
import { assignAction } from "@/app/(workspace)/claims/[claimId]/actions";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export function AssignForm({ claimId, version, actorId, assignee }: {
  claimId: string;
  version: number;
  actorId: string;
  assignee: { id: string; name: string } | null;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(assignAction.bind(null, claimId), INITIAL_ACTION_STATE);
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
