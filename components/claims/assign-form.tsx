"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import { TAKEOVER_GUARD } from "@/lib/vocabulary";

/**
 * "Assign to me", or "Unassign me" on one's own claim. On a claim someone else has, the first
 * answer is a refusal (a takeover needs saying so), and the form asks "Take over from …?": its
 * "Take over" re-sends with the hidden takeOver field, "Keep …" leaves the claim with them. Both
 * work without JavaScript (the refusal is the page's answer to the post; "Keep" is a link back).
 */
export function AssignForm({ submit, claimId, version, actorId, assignee }: {
  submit: FormActionFn;
  claimId: string;
  version: number;
  actorId: string;
  assignee: { id: string; name: string } | null;
}) {
  const t = useTranslations("claims.assign");
  const ui = useTranslations("ui");
  const [state, formAction, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  // The refusal the person chose to leave as it is (with JavaScript; without, "Keep" reloads the page).
  const [kept, setKept] = useState<ActionState | null>(null);
  const isMine = assignee?.id === actorId;
  const asking = !state.ok && state.guard === TAKEOVER_GUARD && kept !== state && assignee !== null && !isMine;
  return (
    <form action={formAction} className="space-y-2" aria-label={t("label")} data-testid="assign-form">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="assigneeId" value={isMine ? "" : actorId} />
      {asking ? (
        <div role="alertdialog" aria-labelledby="takeover-question" aria-describedby="takeover-detail" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <input type="hidden" name="takeOver" value="true" />
          <p id="takeover-question" className="font-medium">{t("question", { name: assignee.name })}</p>
          <p id="takeover-detail">{t("detail", { name: assignee.name })}</p>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={pending} className={buttonClass.primary}>
              {pending ? ui("saving") : t("takeOver")}
            </button>
            <a
              href={`/claims/${claimId}`}
              className="text-sm underline"
              onClick={(event) => {
                event.preventDefault();
                setKept(state);
              }}
            >
              {t("keep", { name: assignee.name })}
            </a>
          </div>
        </div>
      ) : (
        <>
          <FormMessage message={kept === state ? null : state.message} tone="error" />
          <p className="text-sm text-stone-700">{assignee ? t("assignedTo", { name: assignee.name }) : t("nobody")}</p>
          <button type="submit" disabled={pending} className={buttonClass.secondary}>
            {pending ? ui("saving") : isMine ? t("unassignMe") : t("assignToMe")}
          </button>
        </>
      )}
    </form>
  );
}
