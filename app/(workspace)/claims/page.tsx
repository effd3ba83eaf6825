import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClaimTable } from "@/components/claims/claim-table";
import { LiveChanges } from "@/components/live/live-changes";
import { changesHead } from "@/lib/changes/read-changes";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { pageContext } from "@/lib/server/doors";
import { CLAIM_KINDS, CLAIM_STATES, type ClaimState } from "@/lib/vocabulary";
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { listClaims } from "@/lib/claims/list-claims";
import { isAppError } from "@/lib/errors/app-error";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("queue");
  return { title: t("title") };
}

type Search = { state?: string; kind?: string; q?: string; assignee?: string; cursor?: string };

function filtered(search: Search): boolean {
  return Boolean(search.q || search.kind || (search.state && search.state !== ALL) || search.assignee);
}

/** `state=all` in the address: every state, said explicitly (a bare /claims opens on the role's own view). */
const ALL = "all";

/**
 * Where the queue opens for someone who asked for nothing in particular: an editor (who publishes)
 * on what waits for them, the claims in review; everyone else on the whole queue.
 */
function openingState(actor: Actor, search: Search): ClaimState | undefined {
  const askedForNothing = !search.state && !search.kind && !search.q && !search.assignee && !search.cursor;
  return askedForNothing && can(actor, "claims.publish") ? "review" : undefined;
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { db, actor } = await pageContext("/claims");
  if (!can(actor, "claims.read_all")) redirect("/my-submissions");
  const asked = await searchParams;
  const since = await changesHead(db, actor); // before the queue is read: no change falls between
  const [t, { words, formats }] = await Promise.all([getTranslations("queue"), getSpeech()]);
  /** 1,383, or 1,000+ where the count stopped at its cap (a filtered queue is not counted to the end). */
  const countLabel = (n: number, capped: boolean) => (capped ? t("countCapped", { count: formats.number(n) }) : formats.number(n));
  const opening = openingState(actor, asked);
  const search: Search = { ...asked, state: opening ?? asked.state };
  const result = await listClaims(db, actor, { ...search, state: search.state === ALL ? undefined : search.state }).catch((error) => {
    if (isAppError(error) && error.code === "BAD_REQUEST") return null;
    throw error;
  });
  const tabHref = (state: string) => {
    const p = new URLSearchParams();
    p.set("state", state);
    if (search.kind) p.set("kind", search.kind);
    if (search.q) p.set("q", search.q);
    if (search.assignee) p.set("assignee", search.assignee);
    return `/claims?${p}`;
  };
  const total = result ? Object.values(result.counts).reduce((a, b) => a + b, 0) : 0;
  const capped = new Set(result?.countsCapped ?? []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>{t("title")}</h1>
          <p className="text-sm text-stone-600">{t("intro")}</p>
        </div>
        <Link href="/claims/new" className={`${buttonClass.primary} no-underline hover:no-underline`}>
          {t("submit")}
        </Link>
      </div>

      <LiveChanges since={since} />
      <nav aria-label={t("states")} className="flex flex-wrap gap-2 text-sm">
        <Link
          href={tabHref(ALL)}
          aria-current={!search.state || search.state === ALL ? "page" : undefined}
          className="rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700 no-underline aria-[current=page]:border-teal-800 aria-[current=page]:bg-teal-800 aria-[current=page]:text-white"
        >
          {t("all")} <span data-testid="count-all">{countLabel(total, capped.size > 0)}</span>
        </Link>
        {CLAIM_STATES.map((s) => (
          <Link
            key={s}
            href={tabHref(s)}
            aria-current={search.state === s ? "page" : undefined}
            data-testid={`tab-${s}`}
            className="rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700 no-underline aria-[current=page]:border-teal-800 aria-[current=page]:bg-teal-800 aria-[current=page]:text-white"
          >
            {words.state(s)} <span data-testid={`count-${s}`}>{countLabel(result?.counts[s] ?? 0, capped.has(s))}</span>
          </Link>
        ))}
      </nav>

      {opening ? (
        <p className="rounded-md border border-teal-200 bg-teal-50 px-3 py-2 text-sm text-teal-950" data-testid="queue-opening">
          {t("opening")} <Link href={tabHref(ALL)}>{t("showEveryState")}</Link>
        </p>
      ) : null}

      <form method="get" action="/claims" role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
        {search.state ? <input type="hidden" name="state" value={search.state} /> : null}
        <div className="min-w-56 flex-1">
          <label htmlFor="q" className="mb-1 block text-xs font-medium text-stone-700">{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={search.q} className={inputClass} placeholder={t("searchPlaceholder")} />
        </div>
        <div>
          <label htmlFor="kind" className="mb-1 block text-xs font-medium text-stone-700">{t("kind")}</label>
          <select id="kind" name="kind" defaultValue={search.kind ?? ""} className={inputClass}>
            <option value="">{t("anyKind")}</option>
            {CLAIM_KINDS.map((k) => (
              <option key={k} value={k}>{words.kind(k)}</option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 py-2 text-sm text-stone-700">
          <input type="checkbox" name="assignee" value={actor.id} defaultChecked={search.assignee === actor.id} className="size-4 accent-teal-800" />
          {t("assignedToMe")}
        </label>
        <button type="submit" className={buttonClass.secondary}>{t("filter")}</button>
        {search.q || search.kind || search.assignee ? (
          <Link href={tabHref(search.state ?? ALL)} className="text-sm">{t("clear")}</Link>
        ) : null}
      </form>

      {!result ? (
        <EmptyState title={t("badFilter")}>
          <Link href={tabHref(ALL)}>{t("showWholeQueue")}</Link>
        </EmptyState>
      ) : result.items.length === 0 ? (
        <EmptyState title={opening ? t("nothingWaits") : filtered(search) ? t("noMatch") : t("empty")}>
          {opening ? <Link href={tabHref(ALL)}>{t("showEveryState")}</Link> : filtered(search) ? t("noMatchHint") : t("emptyHint")}
        </EmptyState>
      ) : (
        <>
          <ClaimTable claims={result.items} />
          <Pager basePath="/claims" params={search} nextCursor={result.nextCursor} isFirstPage={!search.cursor} />
        </>
      )}
    </div>
  );
}
