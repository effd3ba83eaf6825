"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { GradeBadge, StateBadge } from "@/components/ui/badges";
import { KeyboardShortcuts, runMarkedShortcut, type Shortcut } from "@/components/ui/shortcuts";
import { useVocabulary } from "@/components/ui/speech";
import type { ActionState } from "@/lib/errors/action-state";
import type { BulkAction, ClaimKind, ClaimState, Grade } from "@/lib/vocabulary";
import { BulkBar, type BulkRefusal, type SelectedClaim } from "./bulk-bar";

/** One row of the queue as the server worded it (the waiting time is said there, in the page's language). */
export type QueueRow = {
  id: string;
  version: number;
  title: string;
  placeName: string | null;
  kind: ClaimKind;
  state: ClaimState;
  grade: Grade | null;
  assigneeName: string | null;
  waited: string;
  /** Waited long enough to stand out (calmly). */
  waitedLong: boolean;
  submitted: string;
};

type BulkResultLike = { id: string; status: number; message?: string };
export type BulkSubmit = (state: ActionState, formData: FormData) => Promise<ActionState & { results?: BulkResultLike[] }>;
export type SelectMatching = (query: Record<string, string>) => Promise<ActionState & { items: SelectedClaim[]; more: boolean }>;

/** What a person who may act on claims in bulk gets: the actions their role has, whom to assign to. */
export type BulkTools = {
  submit: BulkSubmit;
  selectMatching: SelectMatching;
  actions: BulkAction[];
  assignees: { id: string; name: string }[];
  actorId: string;
};

/**
 * The queue's table and the work done on it: a row cursor moved with j/k (the focus follows it),
 * Enter opens, x selects; t takes the next claim (the page's marked button). With bulk tools, rows
 * are selected with boxes ("all N matching" reads the filters' whole list, bounded) and the bar
 * acts on the selection.
 */
export function QueueWork({ rows, filters, matching, bulk, empty }: {
  rows: QueueRow[];
  /** What the page says when no claim matches: shown in the table's place, below the last bulk action's outcome (a bulk reject that empties the page still says what it did). */
  empty: ReactNode;
  /** The queue's filters as its address names them: what "select all matching" selects. */
  filters: Record<string, string>;
  /** How many claims the filters match (capped: "1,000+"), worded; null when the page is all of them. */
  matching: { label: string; more: boolean } | null;
  bulk: BulkTools | null;
}) {
  const t = useTranslations("queue.work");
  const words = useVocabulary();
  const router = useRouter();
  const [cursor, setCursor] = useState(0);
  // The row cursor shows once the keyboard is used (or a row's control is focused): a calm table until then.
  const [keyed, setKeyed] = useState(false);
  const [selected, setSelected] = useState<Map<string, SelectedClaim>>(new Map());
  const [selectedAll, setSelectedAll] = useState<{ count: number; more: boolean } | null>(null);
  const [selecting, setSelecting] = useState(false);
  const [selectError, setSelectError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<BulkRefusal[]>([]);
  const [doneCount, setDoneCount] = useState<number | null>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);

  // The page read again (after a bulk action, or another's change): selected rows take their new versions.
  useEffect(() => {
    setSelected((current) => {
      let changed = false;
      const next = new Map(current);
      for (const row of rows) {
        const had = next.get(row.id);
        if (had && had.version !== row.version) {
          next.set(row.id, { ...had, version: row.version });
          changed = true;
        }
      }
      return changed ? next : current;
    });
    setCursor((c) => Math.min(c, Math.max(rows.length - 1, 0)));
  }, [rows]);

  const pageSelected = rows.filter((r) => selected.has(r.id)).length;
  const allOnPage = rows.length > 0 && pageSelected === rows.length;

  function toggle(row: QueueRow) {
    setSelectedAll(null);
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, { id: row.id, version: row.version, title: row.title });
      return next;
    });
  }

  function togglePage() {
    setSelectedAll(null);
    setSelected(allOnPage ? new Map() : new Map(rows.map((r) => [r.id, { id: r.id, version: r.version, title: r.title }])));
  }

  async function selectAllMatching() {
    if (!bulk) return;
    setSelecting(true);
    setSelectError(null);
    try {
      const answer = await bulk.selectMatching(filters);
      if (!answer.ok) {
        setSelectError(answer.message);
        return;
      }
      setSelected(new Map(answer.items.map((item) => [item.id, item])));
      setSelectedAll({ count: answer.items.length, more: answer.more });
    } finally {
      setSelecting(false);
    }
  }

  function moveTo(index: number) {
    setKeyed(true);
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setCursor(next);
    links.current[next]?.focus();
  }

  const shortcuts = useMemo<Shortcut[]>(() => {
    const keys: Shortcut[] = [
      { key: "j", label: t("keys.next"), run: () => moveTo(cursor + 1) },
      { key: "k", label: t("keys.previous"), run: () => moveTo(cursor - 1) },
      {
        key: "Enter",
        label: t("keys.open"),
        run: () => {
          // Enter on a control outside the rows (a button, a link) does what it always does.
          const active = document.activeElement;
          if (active instanceof HTMLElement && active !== document.body && !active.closest("[data-queue-row]")) {
            active.click();
            return;
          }
          const row = rows[cursor];
          if (row) router.push(`/claims/${row.id}`);
        },
      },
    ];
    if (bulk)
      keys.push({
        key: "x",
        label: t("keys.select"),
        run: () => {
          setKeyed(true);
          if (rows[cursor]) toggle(rows[cursor]);
        },
      });
    if (bulk) keys.push({ key: "t", label: t("keys.takeNext"), run: () => runMarkedShortcut("t") });
    return keys;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor, rows, bulk, t]);

  return (
    <div className="space-y-3">
      <KeyboardShortcuts shortcuts={shortcuts} />
      {bulk && selected.size > 0 ? (
        <BulkBar
          tools={bulk}
          selected={[...selected.values()]}
          selectedAll={selectedAll}
          onClear={() => {
            setSelected(new Map());
            setSelectedAll(null);
          }}
          onDone={(doneIds, refused) => {
            setRefusals(refused);
            setDoneCount(doneIds.length);
            setSelectedAll(null);
            setSelected((current) => {
              const next = new Map(current);
              for (const id of doneIds) next.delete(id);
              return next;
            });
            router.refresh();
          }}
        />
      ) : null}
      {doneCount !== null ? (
        <BulkOutcome
          done={doneCount}
          refusals={refusals}
          onDismiss={() => {
            setDoneCount(null);
            setRefusals([]);
          }}
        />
      ) : null}

      {bulk && allOnPage && matching?.more && !selectedAll ? (
        <p className="rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-700" data-testid="select-all-offer">
          {t("pageSelected", { count: rows.length })}{" "}
          <button type="button" onClick={selectAllMatching} disabled={selecting} className="font-medium text-teal-800 underline underline-offset-2 hover:text-teal-950 disabled:opacity-60">
            {selecting ? t("selecting") : t("selectAllMatching", { count: matching.label })}
          </button>
          {selectError ? <span role="alert" className="ms-2 text-rose-800">{selectError}</span> : null}
        </p>
      ) : null}

      {rows.length === 0 ? empty : (
      <>
      {/* On a phone each row is a card (title, kind, state, grade, waiting); the same rows, drawn by CSS alone. */}
      <div className="md:overflow-x-auto md:rounded-lg md:border md:border-stone-200 md:bg-white">
        <table className="min-w-full divide-y divide-stone-200 text-sm max-md:block max-md:divide-y-0" data-testid="queue-table">
          <thead className="bg-stone-50 text-start text-xs font-medium uppercase tracking-wide text-stone-500 max-md:sr-only">
            <tr>
              {bulk ? (
                <th scope="col" className="w-10 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t("selectPage")}
                    checked={allOnPage}
                    ref={(el) => {
                      if (el) el.indeterminate = pageSelected > 0 && !allOnPage;
                    }}
                    onChange={togglePage}
                    className="size-4 accent-teal-800"
                  />
                </th>
              ) : null}
              <th scope="col" className="px-4 py-2 text-start">{t("claim")}</th>
              <th scope="col" className="px-4 py-2 text-start">{t("kind")}</th>
              <th scope="col" className="px-4 py-2 text-start">{t("state")}</th>
              <th scope="col" className="px-4 py-2 text-start">{t("grade")}</th>
              <th scope="col" className="px-4 py-2 text-start">{t("assignee")}</th>
              <th scope="col" className="px-4 py-2 text-start">{t("waiting")}</th>
              <th scope="col" className="px-4 py-2 text-start">{t("submitted")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100 max-md:block max-md:space-y-2 max-md:divide-y-0">
            {rows.map((row, i) => {
              const isSelected = selected.has(row.id);
              const isCursor = keyed && i === cursor;
              return (
                <tr
                  key={row.id}
                  data-queue-row
                  data-testid="claim-row"
                  data-cursor={isCursor ? "true" : undefined}
                  aria-selected={bulk ? isSelected : undefined}
                  className={`align-top max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-2.5 max-md:gap-y-1.5 max-md:rounded-lg max-md:border max-md:border-stone-200 max-md:p-3 ${isSelected ? "bg-teal-50/70" : "hover:bg-stone-50 max-md:bg-white"} ${isCursor ? "shadow-[inset_3px_0_0_0_theme(colors.teal.700)] rtl:shadow-[inset_-3px_0_0_0_theme(colors.teal.700)]" : ""}`}
                >
                  {bulk ? (
                    <td className="px-3 py-3 max-md:-m-2 max-md:p-0">
                      {/* A 44 px target on a phone around a small box. */}
                      <label className="inline-flex max-md:size-11 max-md:items-center max-md:justify-center">
                      <input
                        type="checkbox"
                        // Named by the claim's title (its link): "checkbox, <title>".
                        aria-labelledby={`queue-title-${row.id}`}
                        checked={isSelected}
                        onChange={() => toggle(row)}
                        onFocus={() => {
                          setCursor(i);
                          setKeyed(true);
                        }}
                        className="size-4 accent-teal-800"
                        data-testid="row-select"
                      />
                      </label>
                    </td>
                  ) : null}
                  <td className={`max-w-md px-4 py-3 max-md:max-w-none max-md:grow max-md:p-0 ${bulk ? "max-md:basis-[calc(100%-3.25rem)]" : "max-md:basis-full"}`}>
                    <Link
                      href={`/claims/${row.id}`}
                      id={`queue-title-${row.id}`}
                      ref={(el) => {
                        links.current[i] = el;
                      }}
                      onFocus={() => {
                        setCursor(i);
                        setKeyed(true);
                      }}
                      className="font-medium text-stone-900 focus:outline-none focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-teal-700"
                    >
                      <bdi>{row.title}</bdi>
                    </Link>
                    {row.placeName ? <div className="mt-0.5 text-xs text-stone-500"><bdi>{row.placeName}</bdi></div> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-stone-700 max-md:p-0 max-md:text-xs">{words.kind(row.kind)}</td>
                  <td className="whitespace-nowrap px-4 py-3 max-md:p-0" data-testid="claim-state"><StateBadge state={row.state} /></td>
                  <td className="whitespace-nowrap px-4 py-3 max-md:p-0"><GradeBadge grade={row.grade} /></td>
                  <td className="whitespace-nowrap px-4 py-3 text-stone-700 max-md:hidden" data-testid="claim-assignee">
                    {row.assigneeName ? <bdi>{row.assigneeName}</bdi> : <span className="text-stone-500">{t("nobody")}</span>}
                  </td>
                  <td className={`whitespace-nowrap px-4 py-3 max-md:p-0 max-md:text-xs ${row.waitedLong ? "font-medium text-amber-800" : "text-stone-600"}`} data-testid="claim-waited">
                    {row.waited}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-stone-600 max-md:hidden">{row.submitted}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-stone-500">{t.rich(bulk ? "keysHint" : "keysHintRead", { kbd: (chunks) => <kbd className="rounded border border-stone-300 bg-white px-1 font-mono text-[0.7rem] text-stone-700">{chunks}</kbd> })}</p>
      </>
      )}
    </div>
  );
}

/** What the last bulk action did: how many changed, and what it could not do, item by item, until dismissed. */
function BulkOutcome({ done, refusals, onDismiss }: { done: number; refusals: BulkRefusal[]; onDismiss: () => void }) {
  const t = useTranslations("queue.work");
  const tone = refusals.length ? "border-amber-200 bg-amber-50 text-amber-950" : "border-emerald-200 bg-emerald-50 text-emerald-900";
  return (
    <div role="status" className={`rounded-md border px-3 py-2 text-sm ${tone}`} data-testid="bulk-outcome">
      <div className="flex items-start justify-between gap-3">
        <p className="font-medium" data-testid="bulk-done">{t("bulkDone", { count: done })}</p>
        <button type="button" onClick={onDismiss} className="text-xs underline underline-offset-2">{t("dismiss")}</button>
      </div>
      {refusals.length ? (
        <div data-testid="bulk-refusals">
          <p className="mt-1">{t("refusedTitle", { count: refusals.length })}</p>
          <ul className="mt-1 list-disc space-y-0.5 ps-5">
            {refusals.map((r) => (
              <li key={r.id}>
                <Link href={`/claims/${r.id}`} className="underline"><bdi>{r.title}</bdi></Link>: {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
