"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/form";

/** How often an open page asks, and the longest it waits after failures (doubling from the first). */
const EVERY_MS = 5_000;
const AT_MOST_MS = 60_000;

type Change = { seq: number; claimId: string; change: string; actorName: string | null };
type Answer = { changes: Change[]; next: number };

/**
 * "Rami accepted this claim — reload": a page open on one claim (`claimId`) or on the queue asks
 * `GET /api/v1/changes` every few seconds what others changed since the page was rendered (`since`,
 * the audit log's head then), and says so. Polling, not a held connection: each ask is one short
 * request reading a bounded range of the log by its keys (ARCHITECTURE.md, *Live changes*). It
 * does not ask while the tab is hidden, and stops for good on 401/403/404 (signed out, or the
 * claim is no longer theirs to see).
 */
export function LiveChanges({ since, claimId }: { since: number; claimId?: string }) {
  const t = useTranslations("live");
  const [seen, setSeen] = useState<{ latest: Change; count: number; since: number } | null>(null);
  // A page rendered again (after the reader's own change, or a reload) starts from its new head.
  const notice = seen && seen.since === since ? seen : null;

  useEffect(() => {
    let next = since;
    let wait = EVERY_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let asking = false;

    async function ask() {
      timer = undefined;
      if (stopped || asking) return;
      if (document.hidden) return; // asked again when the tab shows
      asking = true;
      try {
        const query = new URLSearchParams({ since: String(next), ...(claimId ? { claimId } : {}) });
        const response = await fetch(`/api/v1/changes?${query}`, { headers: { Accept: "application/json" }, cache: "no-store" });
        if ([401, 403, 404].includes(response.status)) {
          stopped = true;
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        const answer = (await response.json()) as Answer;
        next = answer.next;
        wait = EVERY_MS;
        if (answer.changes.length && !stopped) {
          const latest = answer.changes[answer.changes.length - 1];
          setSeen((before) => ({ latest, count: (before && before.since === since ? before.count : 0) + answer.changes.length, since }));
        }
      } catch {
        wait = Math.min(wait * 2, AT_MOST_MS);
      } finally {
        asking = false;
        if (!stopped && !document.hidden) timer = setTimeout(ask, wait);
      }
    }

    function onVisibility() {
      if (!document.hidden && timer === undefined) void ask();
    }
    timer = setTimeout(ask, EVERY_MS);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [since, claimId]);

  const who = notice?.latest.actorName ?? t("someone");
  return (
    <div role="status" aria-live="polite" aria-label={t("label")} data-testid="live-changes">
      {notice ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p>
            {t.rich(claimId ? "claim" : "queue", { name: () => <bdi>{who}</bdi>, change: notice.latest.change })}
            {notice.count > 1 ? <> {t("more", { count: notice.count - 1 })}</> : null}
          </p>
          <button type="button" className={buttonClass.secondary} onClick={() => window.location.reload()}>
            {t("reload")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
