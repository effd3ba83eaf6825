import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ClaimTable } from "@/components/claims/claim-table";
import { KIND_LABEL, STATE_LABEL } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass, inputClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { pageContext } from "@/lib/server/doors";
import { CLAIM_KINDS, CLAIM_STATES } from "@/lib/vocabulary";
import { can } from "@/lib/auth/permissions";
import { listClaims } from "@/lib/claims/list-claims";
import { isAppError } from "@/lib/errors/app-error";

export const metadata: Metadata = { title: "Review queue" };

/** 1,383, or 1,000+ where the count stopped at its cap (a filtered queue is not counted to the end). */
function countLabel(n: number, capped: boolean) {
  return `${n.toLocaleString("en-GB")}${capped ? "+" : ""}`;
}

type Search = { state?: string; kind?: string; q?: string; assignee?: string; cursor?: string };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { db, actor } = await pageContext("/claims");
  if (!can(actor, "claims.read_all")) redirect("/my-submissions");
  const search = await searchParams;
  const result = await listClaims(db, actor, search).catch((error) => {
    if (isAppError(error) && error.code === "BAD_REQUEST") return null;
    throw error;
  });
  const tabHref = (state?: string) => {
    const p = new URLSearchParams();
    if (state) p.set("state", state);
    if (search.kind) p.set("kind", search.kind);
    if (search.q) p.set("q", search.q);
    if (search.assignee) p.set("assignee", search.assignee);
    const s = p.toString();
    return s ? `/claims?${s}` : "/claims";
  };
  const total = result ? Object.values(result.counts).reduce((a, b) => a + b, 0) : 0;
  const capped = new Set(result?.countsCapped ?? []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>Review queue</h1>
          <p className="text-sm text-stone-600">Oldest first, so nothing waits too long.</p>
        </div>
        <Link href="/claims/new" className={`${buttonClass.primary} no-underline hover:no-underline`}>
          Submit a claim
        </Link>
      </div>

      <nav aria-label="States" className="flex flex-wrap gap-2 text-sm">
        <Link
          href={tabHref()}
          aria-current={!search.state ? "page" : undefined}
          className="rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700 no-underline aria-[current=page]:border-teal-800 aria-[current=page]:bg-teal-800 aria-[current=page]:text-white"
        >
          All <span data-testid="count-all">{countLabel(total, capped.size > 0)}</span>
        </Link>
        {CLAIM_STATES.map((s) => (
          <Link
            key={s}
            href={tabHref(s)}
            aria-current={search.state === s ? "page" : undefined}
            data-testid={`tab-${s}`}
            className="rounded-full border border-stone-300 bg-white px-3 py-1 text-stone-700 no-underline aria-[current=page]:border-teal-800 aria-[current=page]:bg-teal-800 aria-[current=page]:text-white"
          >
            {STATE_LABEL[s]} <span data-testid={`count-${s}`}>{countLabel(result?.counts[s] ?? 0, capped.has(s))}</span>
          </Link>
        ))}
      </nav>

      <form method="get" action="/claims" role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
        {search.state ? <input type="hidden" name="state" value={search.state} /> : null}
        <div className="min-w-56 flex-1">
          <label htmlFor="q" className="mb-1 block text-xs font-medium text-stone-700">Search titles, summaries, places</label>
          <input id="q" name="q" type="search" defaultValue={search.q} className={inputClass} placeholder="e.g. Sanubir" />
        </div>
        <div>
          <label htmlFor="kind" className="mb-1 block text-xs font-medium text-stone-700">Kind</label>
          <select id="kind" name="kind" defaultValue={search.kind ?? ""} className={inputClass}>
            <option value="">Any kind</option>
            {CLAIM_KINDS.map((k) => (
              <option key={k} value={k}>{KIND_LABEL[k]}</option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 py-2 text-sm text-stone-700">
          <input type="checkbox" name="assignee" value={actor.id} defaultChecked={search.assignee === actor.id} className="size-4 accent-teal-800" />
          Assigned to me
        </label>
        <button type="submit" className={buttonClass.secondary}>Filter</button>
        {search.q || search.kind || search.assignee ? (
          <Link href={search.state ? `/claims?state=${search.state}` : "/claims"} className="text-sm">Clear</Link>
        ) : null}
      </form>

      {!result ? (
        <EmptyState title="That filter is not valid.">
          <Link href="/claims">Show the whole queue</Link>
        </EmptyState>
      ) : result.items.length === 0 ? (
        <EmptyState title={search.q || search.kind || search.state || search.assignee ? "No claims match." : "The queue is empty."}>
          {search.q || search.kind || search.state || search.assignee ? "Try another state or search." : "New submissions will appear here."}
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
