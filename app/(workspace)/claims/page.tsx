import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LiveChanges } from "@/components/live/live-changes";
import { changesHead } from "@/lib/changes/read-changes";
import { QueueWork, type QueueRow } from "@/components/queue/queue-work";
import { SavedViews, type ViewLink } from "@/components/queue/saved-views";
import { TakeNextForm } from "@/components/queue/take-next-form";
import { EmptyState } from "@/components/ui/empty-state";
import { FoldedSheet } from "@/components/ui/folded-sheet";
import { buttonClass, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { getSpeech } from "@/components/ui/speech-server";
import { pageContext } from "@/lib/server/doors";
import { BULK_ACTIONS, CLAIM_KINDS, CLAIM_STATES, type ClaimState } from "@/lib/vocabulary";
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { listAssignees } from "@/lib/claims/assignees";
import type { ClaimDto } from "@/lib/claims/dto";
import { listClaims } from "@/lib/claims/list-claims";
import { QUEUE_ORDERS } from "@/lib/claims/schemas";
import { isAppError } from "@/lib/errors/app-error";
import { listViews } from "@/lib/views/list-views";
import { OPEN_STATES } from "@/lib/workflow/open-states";
import { bulkAction, deleteViewAction, saveViewAction, selectMatchingAction, takeNextAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("queue");
  return { title: t("title") };
}

type Search = { state?: string; kind?: string; q?: string; assignee?: string; order?: string; cursor?: string };

/** The filters a saved view keeps, by the queue's address names. */
const VIEW_FILTERS = ["state", "kind", "q", "assignee", "order"] as const;

/** A state tab: a pill, and on a phone one that a thumb hits (44 px high) on a line that scrolls. */
const TAB =
  "shrink-0 whitespace-nowrap rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700 no-underline max-md:inline-flex max-md:min-h-11 max-md:items-center max-md:gap-1 aria-[current=page]:border-teal-800 aria-[current=page]:bg-teal-800 aria-[current=page]:text-white";

/** A claim waiting this long in its state stands out in the queue (the reminder's default, too). */
const LONG_WAIT_DAYS = 3;

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
  const askedForNothing = !search.state && !search.kind && !search.q && !search.assignee && !search.order && !search.cursor;
  return askedForNothing && can(actor, "claims.publish") ? "review" : undefined;
}

/** How long a claim has waited in its state, in the largest whole unit: minutes, hours, days. */
function waitedFor(since: string, now: number): { unit: "minutes" | "hours" | "days"; count: number; days: number } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  const days = Math.floor(minutes / 1440);
  if (minutes < 60) return { unit: "minutes", count: minutes, days };
  if (minutes < 48 * 60) return { unit: "hours", count: Math.floor(minutes / 60), days };
  return { unit: "days", count: days, days };
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { db, actor } = await pageContext("/claims");
  if (!can(actor, "claims.read_all")) redirect("/my-submissions");
  const asked = await searchParams;
  const since = await changesHead(db, actor); // before the queue is read: no change falls between
  const [t, tw, { words, formats }] = await Promise.all([getTranslations("queue"), getTranslations("queue.work"), getSpeech()]);
  /** 1,383, or 1,000+ where the count stopped at its cap (a filtered queue is not counted to the end). */
  const countLabel = (n: number, capped: boolean) => (capped ? t("countCapped", { count: formats.number(n) }) : formats.number(n));
  const opening = openingState(actor, asked);
  const search: Search = { ...asked, state: opening ?? asked.state };
  const oneState = search.state && search.state !== ALL ? search.state : undefined;
  const canAssign = can(actor, "claims.assign");
  const [result, views, assignees] = await Promise.all([
    listClaims(db, actor, { ...search, state: oneState }).catch((error) => {
      if (isAppError(error) && error.code === "BAD_REQUEST") return null;
      throw error;
    }),
    can(actor, "views.save") ? listViews(db, actor).then((v) => v.items) : Promise.resolve([]),
    canAssign ? listAssignees(db, actor) : Promise.resolve([]),
  ]);
  const tabHref = (state: string) => {
    const p = new URLSearchParams();
    p.set("state", state);
    if (search.kind) p.set("kind", search.kind);
    if (search.q) p.set("q", search.q);
    if (search.assignee) p.set("assignee", search.assignee);
    // Waiting longest is one state's order: the whole queue goes back to its own.
    if (search.order && !(search.order === "waiting" && state === ALL)) p.set("order", search.order);
    return `/claims?${p}`;
  };
  const total = result ? Object.values(result.counts).reduce((a, b) => a + b, 0) : 0;
  const capped = new Set(result?.countsCapped ?? []);

  // The filters on screen, as a view keeps them and as "select all matching" reads them.
  const filters = Object.fromEntries(VIEW_FILTERS.flatMap((f) => (search[f] ? [[f, search[f]!]] : [])));
  if (!filters.state) filters.state = ALL;
  const sameFilters = (a: Record<string, string>) => VIEW_FILTERS.every((f) => (a[f] || (f === "state" ? ALL : "")) === (filters[f] ?? ""));
  const viewHref = (f: Record<string, string>) => `/claims?${new URLSearchParams(Object.entries(f).filter(([, v]) => v))}`;
  const viewLinks: ViewLink[] = views.map((v) => ({
    id: v.id,
    name: v.name,
    href: viewHref(v.filters),
    shared: v.shared,
    mine: v.mine,
    ownerName: v.owner.name,
    current: sameFilters(v.filters),
    remove: v.canDelete ? deleteViewAction.bind(null, v.id) : null,
  }));

  const activeFilters = [search.q, search.kind, search.assignee, search.order].filter(Boolean).length;
  const now = Date.now();
  const toRow = (c: ClaimDto): QueueRow => {
    const waited = waitedFor(c.stateChangedAt, now);
    return {
      id: c.id,
      version: c.version,
      title: c.title,
      placeName: c.place.name,
      kind: c.kind,
      state: c.state,
      grade: c.grade,
      assigneeName: c.assignee?.name ?? null,
      waited: tw(`waited.${waited.unit}`, { count: waited.count }),
      waitedLong: waited.days >= LONG_WAIT_DAYS,
      submitted: formats.dateTime(c.createdAt),
    };
  };
  const matchingCount = result ? (oneState ? result.counts[oneState as ClaimState] : total) : 0;
  const matchingCapped = oneState ? capped.has(oneState as ClaimState) : capped.size > 0;
  const bulkActions = BULK_ACTIONS.filter((a) => can(actor, a === "assign" ? "claims.assign" : (`claims.${a}` as const)));
  // Take next takes from the open state shown, else from triage.
  const takeFrom = oneState && (OPEN_STATES as readonly string[]).includes(oneState) ? oneState : "triage";

  return (
    <div className="space-y-5 max-md:pb-24">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{t("title")}</h1>
          <p className="text-sm text-stone-600">{search.order === "waiting" ? t("introWaiting") : t("intro")}</p>
        </div>
        {/* On a phone, a bar at the bottom of the screen, under the thumb. */}
        <div className="flex flex-wrap items-start gap-3 max-md:fixed max-md:inset-x-0 max-md:bottom-0 max-md:z-20 max-md:flex-nowrap max-md:items-center max-md:justify-between max-md:border-t max-md:border-stone-200 max-md:bg-white max-md:px-4 max-md:pt-2 max-md:pb-[calc(0.5rem+env(safe-area-inset-bottom))]" data-testid="queue-actions">
          <Link href="/claims/new" className={`${canAssign ? buttonClass.secondary : buttonClass.primary} no-underline hover:no-underline`}>
            {t("submit")}
          </Link>
          {canAssign ? <TakeNextForm submit={takeNextAction} state={takeFrom} kind={search.kind} stateLabel={words.state(takeFrom)} /> : null}
        </div>
      </div>

      <LiveChanges since={since} />
      {/* On a phone the tabs stay on one line and scroll sideways (the page itself never does). */}
      <nav aria-label={t("states")} className="flex gap-2 text-sm max-md:-mx-4 max-md:overflow-x-auto max-md:px-4 max-md:pb-1 md:flex-wrap" data-testid="state-tabs">
        <Link
          href={tabHref(ALL)}
          aria-current={!search.state || search.state === ALL ? "page" : undefined}
          className={TAB}
        >
          {t("all")} <span data-testid="count-all">{countLabel(total, capped.size > 0)}</span>
        </Link>
        {CLAIM_STATES.map((s) => (
          <Link
            key={s}
            href={tabHref(s)}
            aria-current={search.state === s ? "page" : undefined}
            data-testid={`tab-${s}`}
            className={TAB}
          >
            {words.state(s)} <span data-testid={`count-${s}`}>{countLabel(result?.counts[s] ?? 0, capped.has(s))}</span>
          </Link>
        ))}
      </nav>

      {can(actor, "views.save") ? <SavedViews views={viewLinks} save={saveViewAction} filters={filters} canShare={can(actor, "views.share")} /> : null}

      {opening ? (
        <p className="rounded-md border border-teal-200 bg-teal-50 px-3 py-2 text-sm text-teal-950" data-testid="queue-opening">
          {t("opening")} <Link href={tabHref(ALL)}>{t("showEveryState")}</Link>
        </p>
      ) : null}

      <FoldedSheet
        title={t("filters")}
        label={t("filters")}
        openLabel={activeFilters > 0 ? t("filtersActive", { count: activeFilters }) : t("filters")}
        closeLabel={t("closeFilters")}
        buttonClassName={`${buttonClass.secondary} w-full`}
        buttonTestId="filters-button"
      >
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
        <div>
          <label htmlFor="order" className="mb-1 block text-xs font-medium text-stone-700">{t("order")}</label>
          <select id="order" name="order" defaultValue={search.order ?? ""} className={inputClass}>
            {QUEUE_ORDERS.filter((o) => o !== "waiting" || oneState).map((o) => (
              <option key={o} value={o === "oldest" ? "" : o}>{t(`orders.${o}`)}</option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 py-2 text-sm text-stone-700">
          <input type="checkbox" name="assignee" value={actor.id} defaultChecked={search.assignee === actor.id} className="size-4 accent-teal-800" />
          {t("assignedToMe")}
        </label>
        <button type="submit" className={buttonClass.secondary}>{t("filter")}</button>
        {search.q || search.kind || search.assignee || search.order ? (
          <Link href={`/claims?state=${encodeURIComponent(search.state ?? ALL)}`} className="text-sm">{t("clear")}</Link>
        ) : null}
      </form>
      </FoldedSheet>

      {!result ? (
        <EmptyState title={t("badFilter")}>
          <Link href={tabHref(ALL)}>{t("showWholeQueue")}</Link>
        </EmptyState>
      ) : (
        <>
          <QueueWork
            rows={result.items.map(toRow)}
            filters={filters}
            matching={{ label: countLabel(matchingCount, matchingCapped), more: !!result.nextCursor || !!search.cursor }}
            bulk={bulkActions.length ? { submit: bulkAction, selectMatching: selectMatchingAction, actions: bulkActions, assignees, actorId: actor.id } : null}
            empty={
              <EmptyState title={opening ? t("nothingWaits") : filtered(search) ? t("noMatch") : t("empty")}>
                {opening ? <Link href={tabHref(ALL)}>{t("showEveryState")}</Link> : filtered(search) ? t("noMatchHint") : t("emptyHint")}
              </EmptyState>
            }
          />
          <Pager basePath="/claims" params={search} nextCursor={result.nextCursor} isFirstPage={!search.cursor} />
        </>
      )}
    </div>
  );
}
