"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/form";
import { INITIAL_ACTION_STATE } from "@/lib/errors/action-state";
import type { BulkAction } from "@/lib/vocabulary";
import type { BulkTools } from "./queue-work";

export type SelectedClaim = { id: string; version: number; title: string };
export type BulkRefusal = { id: string; title: string; message: string };

/** Claims sent per request: small enough that the bar moves as they are done (the API takes up to 50). */
const CHUNK = 20;

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The bar over the queue while rows are selected: one action for all of them (assign, accept,
 * reject with one reason, mark as duplicates of one claim), sent in chunks with a progress bar.
 * Each claim answers for itself; what was refused is listed by title with the reason.
 */
export function BulkBar({ tools, selected, selectedAll, onClear, onDone }: {
  tools: BulkTools;
  selected: SelectedClaim[];
  selectedAll: { count: number; more: boolean } | null;
  onClear: () => void;
  onDone: (doneIds: string[], refused: BulkRefusal[]) => void;
}) {
  const t = useTranslations("queue.work");
  const id = useId();
  const [action, setAction] = useState<BulkAction>(tools.actions[0]);
  const [reason, setReason] = useState("");
  const [target, setTarget] = useState("");
  const [assignee, setAssignee] = useState(tools.actorId);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = progress !== null;

  async function apply(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const items = selected;
    const doneIds: string[] = [];
    const refused: BulkRefusal[] = [];
    setProgress({ done: 0, total: items.length });
    try {
      for (let start = 0; start < items.length; start += CHUNK) {
        const chunk = items.slice(start, start + CHUNK);
        const form = new FormData();
        form.set("action", action);
        form.set("items", JSON.stringify(chunk.map(({ id, version }) => ({ id, version }))));
        if (action === "reject" || action === "duplicate") form.set("reason", reason);
        if (action === "duplicate") form.set("targetId", UUID_IN_TEXT.exec(target)?.[0] ?? target);
        if (action === "assign") form.set("assigneeId", assignee);
        const answer = await tools.submit(INITIAL_ACTION_STATE, form);
        if (!answer.results) {
          // The request as a whole was refused (a missing reason, a role that may not): nothing was done.
          setError(answer.message);
          break;
        }
        for (const result of answer.results) {
          if (result.status === 200) doneIds.push(result.id);
          else refused.push({ id: result.id, title: chunk.find((c) => c.id === result.id)?.title ?? result.id, message: result.message ?? String(result.status) });
        }
        setProgress({ done: Math.min(start + chunk.length, items.length), total: items.length });
      }
    } finally {
      setProgress(null);
    }
    if (doneIds.length || refused.length) onDone(doneIds, refused);
  }

  const count = selected.length;
  return (
    <form
      onSubmit={apply}
      aria-label={t("bulkLabel")}
      className="sticky top-0 z-10 space-y-3 rounded-lg border border-teal-200 bg-teal-50 p-3 shadow-sm max-md:fixed max-md:inset-x-0 max-md:top-auto max-md:bottom-0 max-md:z-30 max-md:m-0 max-md:max-h-[70dvh] max-md:overflow-y-auto max-md:rounded-none max-md:rounded-t-xl max-md:pb-[calc(0.75rem+env(safe-area-inset-bottom))] max-md:shadow-2xl"
      data-testid="bulk-bar"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-sm font-medium text-teal-950" aria-live="polite" data-testid="selected-count">
          {selectedAll ? (selectedAll.more ? t("firstMatchingSelected", { count }) : t("allMatchingSelected", { count })) : t("selected", { count })}
        </p>
        <button type="button" onClick={onClear} disabled={running} className="text-sm text-teal-900 underline underline-offset-2 disabled:opacity-60">
          {t("clearSelection")}
        </button>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-action`} className="mb-1 block text-xs font-medium text-stone-700">{t("action")}</label>
          <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value as BulkAction)} disabled={running} className={inputClass} data-testid="bulk-action">
            {tools.actions.map((a) => (
              <option key={a} value={a}>{t(`actions.${a}`)}</option>
            ))}
          </select>
        </div>
        {action === "assign" ? (
          <div>
            <label htmlFor={`${id}-assignee`} className="mb-1 block text-xs font-medium text-stone-700">{t("assignTo")}</label>
            <select id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={running} className={inputClass}>
              <option value={tools.actorId}>{t("me")}</option>
              {tools.assignees.filter((a) => a.id !== tools.actorId).map((a) => (
                <option key={a.id} value={a.id}>{a.name}</option>
              ))}
              <option value="none">{t("nobodyOption")}</option>
            </select>
          </div>
        ) : null}
        {action === "duplicate" ? (
          <div className="min-w-64 max-md:min-w-0 max-md:basis-full">
            <label htmlFor={`${id}-target`} className="mb-1 block text-xs font-medium text-stone-700">{t("duplicateOf")}</label>
            <input id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)} required disabled={running} className={inputClass} placeholder={t("duplicateOfPlaceholder")} dir="ltr" />
          </div>
        ) : null}
        {action === "reject" || action === "duplicate" ? (
          <div className="min-w-72 flex-1 max-md:min-w-0 max-md:basis-full">
            <label htmlFor={`${id}-reason`} className="mb-1 block text-xs font-medium text-stone-700">
              {action === "reject" ? t("reason") : t("reasonOptional")}
            </label>
            <input
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={action === "reject"}
              maxLength={5000}
              disabled={running}
              className={inputClass}
              dir="auto"
              placeholder={action === "reject" ? t("reasonPlaceholder") : undefined}
              data-testid="bulk-reason"
            />
          </div>
        ) : null}
        <button type="submit" disabled={running} className={buttonClass.primary} data-testid="bulk-apply">
          {t(`apply.${action}`, { count })}
        </button>
      </div>
      {progress ? (
        <div className="space-y-1" data-testid="bulk-progress">
          <progress value={progress.done} max={progress.total} className="h-2 w-full overflow-hidden rounded-full accent-teal-700" aria-label={t("progressLabel")} />
          <p className="text-xs text-teal-950" aria-live="polite">{t("progress", { done: progress.done, total: progress.total })}</p>
        </div>
      ) : null}
      {error ? <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">{error}</p> : null}
    </form>
  );
}
