"use server";

import { getTranslations } from "next-intl/server";
import { bulkChangeClaims, type BulkResult } from "@/lib/claims/bulk-change";
import { selectMatchingClaims } from "@/lib/claims/select-matching";
import { takeNextClaim } from "@/lib/claims/take-next";
import { actionStateFromError } from "@/lib/errors/action-error";
import type { ActionState } from "@/lib/errors/action-state";
import { chosenLanguage } from "@/lib/i18n/chosen-language";
import { inLocale } from "@/lib/i18n/translate";
import { actionContext, formAction } from "@/lib/server/doors";
import { createView } from "@/lib/views/create-view";
import { deleteView } from "@/lib/views/delete-view";

/** The queue's filters a form or a script sends, by the names the queue's address uses. */
const FILTERS = ["state", "kind", "q", "assignee", "order"] as const;

function filtersOf(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(FILTERS.flatMap((f) => (typeof values[f] === "string" && values[f] !== "" ? [[f, values[f] as string]] : [])));
}

/** "Take next": the claim that has waited longest, unassigned, in the queue's state (triage unless an open one is shown), opened. */
export async function takeNextAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const claim = await takeNextClaim(db, actor, { state: values.state || undefined, kind: values.kind || undefined });
    return { redirectTo: `/claims/${claim.id}?done=assign` };
  });
}

export type BulkActionState = ActionState & { results?: BulkResult[] };

/**
 * One chunk of a bulk action (the queue's bar sends a large selection chunk by chunk, showing
 * progress): `items` is the chunk as JSON, `[{id, version}]`; each item answers for itself.
 */
export async function bulkAction(_prev: BulkActionState, formData: FormData): Promise<BulkActionState> {
  let results: BulkResult[] | undefined;
  const state = await formAction(formData, async ({ db, actor, values }) => {
    ({ results } = await bulkChangeClaims(db, actor, {
      action: values.action,
      items: parseItems(values.items),
      reason: values.reason,
      targetId: values.targetId || undefined,
      // "none" gives the claims back to nobody.
      assigneeId: values.action === "assign" ? (values.assigneeId === "none" ? null : values.assigneeId) : undefined,
    }));
    const done = results.filter((r) => r.status === 200).length;
    return { message: (await getTranslations("queue.work"))("chunkDone", { done, refused: results.length - done }), refresh: ["/claims"] };
  });
  return results ? { ...state, results } : state;
}

/** The chunk's items as sent; text that is not JSON is handed on as it is, and refused as the field it is. */
function parseItems(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return text;
  }
}

export type SelectionState = ActionState & { items: { id: string; version: number; title: string }[]; more: boolean };

/** "Select all matching": every claim the queue's filters match, up to the selection's bound. */
export async function selectMatchingAction(query: unknown): Promise<SelectionState> {
  const { locale, digits } = await chosenLanguage();
  const filters = filtersOf(query && typeof query === "object" ? (query as Record<string, unknown>) : {});
  return inLocale(
    locale,
    async () => {
      try {
        const { db, actor } = await actionContext();
        const selected = await selectMatchingClaims(db, actor, { ...filters, state: filters.state === "all" ? undefined : filters.state });
        return { ok: true, message: null, ...selected };
      } catch (error) {
        return { ...actionStateFromError(error), items: [], more: false };
      }
    },
    digits,
  );
}

/** Save the queue's current filters (sent as hidden fields) under a name, personal or shared. */
export async function saveViewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const view = await createView(db, actor, { name: values.name, filters: filtersOf(values), shared: values.shared === "on" });
    return { message: (await getTranslations("queue.views"))("saved", { name: view.name }), refresh: ["/claims"] };
  });
}

export async function deleteViewAction(viewId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    const view = await deleteView(db, actor, viewId);
    return { message: (await getTranslations("queue.views"))("deleted"), refresh: ["/claims"], values: { deleted: view.id } };
  });
}
