"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { buttonClass, FormMessage, inputClass } from "@/components/ui/form";
import { type ActionState, type FormActionFn, INITIAL_ACTION_STATE } from "@/lib/errors/action-state";

export type ViewLink = { id: string; name: string; href: string; shared: boolean; mine: boolean; ownerName: string; current: boolean; remove: FormActionFn | null };

/**
 * The saved views beside the state tabs: one's own and the team's, each a link to the queue with
 * its filters; the current one marked. Deleting asks nothing more than the button (the audit log
 * keeps the name); saving names the filters on screen now.
 */
export function SavedViews({ views, save, filters, canShare }: { views: ViewLink[]; save: FormActionFn | null; filters: Record<string, string>; canShare: boolean }) {
  const t = useTranslations("queue.views");
  if (!views.length && !save) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="saved-views">
      <span className="text-xs font-medium uppercase tracking-wide text-stone-500">{t("title")}</span>
      {views.length === 0 ? <span className="text-stone-500">{t("none")}</span> : null}
      <ul className="contents">
        {views.map((view) => (
          <li key={view.id} className="inline-flex items-center rounded-full border border-stone-300 bg-white ps-3 text-stone-700 has-[a[aria-current=page]]:border-teal-700 has-[a[aria-current=page]]:bg-teal-50" data-testid="saved-view">
            <Link href={view.href} aria-current={view.current ? "page" : undefined} className="py-1 text-stone-800 no-underline aria-[current=page]:font-medium aria-[current=page]:text-teal-900">
              <bdi>{view.name}</bdi>
              {view.shared ? (
                <span className="ms-1.5 rounded bg-stone-100 px-1 text-[0.7rem] text-stone-700">
                  {t("team")}
                  <span className="sr-only">
                    {" · "}
                    {view.mine ? t("sharedByYou") : t.rich("sharedBy", { name: () => <bdi>{view.ownerName}</bdi> })}
                  </span>
                </span>
              ) : null}
            </Link>
            {view.remove ? <DeleteView submit={view.remove} name={view.name} /> : <span className="pe-3" />}
          </li>
        ))}
      </ul>
      {save ? <SaveView submit={save} filters={filters} canShare={canShare} /> : null}
    </div>
  );
}

function DeleteView({ submit, name }: { submit: FormActionFn; name: string }) {
  const t = useTranslations("queue.views");
  const [answer, formAction, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="inline-flex">
      <button type="submit" disabled={pending} className="rounded-full px-2 py-1 text-stone-500 hover:text-rose-800 disabled:opacity-50">
        <span aria-hidden>×</span>
        <span className="sr-only">{t.rich("delete", { name: () => <bdi>{name}</bdi> })}</span>
      </button>
      {answer.message && !answer.ok ? <span role="alert" className="ms-1 text-xs text-rose-800">{answer.message}</span> : null}
    </form>
  );
}

function SaveView({ submit, filters, canShare }: { submit: FormActionFn; filters: Record<string, string>; canShare: boolean }) {
  const t = useTranslations("queue.views");
  const id = useId();
  const [answer, formAction, pending] = useActionState<ActionState, FormData>(submit, INITIAL_ACTION_STATE);
  return (
    <details className="group relative" data-testid="save-view">
      <summary className="cursor-pointer list-none rounded-full border border-dashed border-stone-300 px-3 py-1 text-stone-600 hover:border-stone-400 hover:text-stone-800">
        {t("saveCurrent")}
      </summary>
      <form action={formAction} className="absolute start-0 z-20 mt-2 w-80 space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-lg">
        {Object.entries(filters).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div>
          <label htmlFor={`${id}-name`} className="mb-1 block text-xs font-medium text-stone-700">{t("name")}</label>
          <input id={`${id}-name`} name="name" required maxLength={80} defaultValue={answer.values?.name} className={inputClass} dir="auto" aria-invalid={answer.fieldErrors?.name ? true : undefined} />
          {answer.fieldErrors?.name ? <p className="mt-1 text-xs text-rose-800">{answer.fieldErrors.name[0]}</p> : null}
        </div>
        {canShare ? (
          <label className="flex items-center gap-2 text-sm text-stone-700">
            <input type="checkbox" name="shared" defaultChecked={answer.values?.shared === "on"} className="size-4 accent-teal-800" />
            {t("share")}
          </label>
        ) : null}
        <p className="text-xs text-stone-500">{t("keeps")}</p>
        <FormMessage message={answer.message} tone={answer.ok ? "success" : "error"} />
        <button type="submit" disabled={pending} className={buttonClass.primary}>{t("save")}</button>
      </form>
    </details>
  );
}
