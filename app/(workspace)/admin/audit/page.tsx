import type { Metadata } from "next";
import { type AuditFilterValues, AuditFilters } from "@/components/audit/audit-filters";
import { AuditTimeline } from "@/components/audit/timeline";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { describeAuditEntities, listAuditPeople } from "@/lib/audit/entity-titles";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Audit log" };

/** A parameter as the form sends it: an empty field is no filter; a repeated one is not read. */
const one = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

export default async function AuditPage({ searchParams }: {
  searchParams: Promise<{ actor?: string; type?: string; entity?: string; from?: string; to?: string; order?: string; cursor?: string }>;
}) {
  const { db, actor } = await pageContext("/admin/audit");
  if (!can(actor, "audit.verify")) {
    return <EmptyState title="The audit log is for reviewers, editors and administrators." />;
  }
  const search = await searchParams;
  const filters: AuditFilterValues = {
    actor: one(search.actor),
    type: one(search.type),
    entity: one(search.entity),
    from: one(search.from),
    to: one(search.to),
    order: one(search.order),
  };
  const cursor = one(search.cursor);
  const [verification, people, listed] = await Promise.all([
    verifyAuditChain(db, actor),
    listAuditPeople(db, actor),
    listAuditEvents(db, actor, { ...filters, cursor, limit: 50 } as never).then(
      (page) => ({ page, problems: null }),
      (error: unknown) => {
        if (!isAppError(error)) throw error;
        const problems = Object.entries(error.details.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
        return { page: { items: [], nextCursor: null, prevCursor: null }, problems: problems.length ? problems : [error.message] };
      },
    ),
  ]);
  const { page: events, problems } = listed;
  const entities = await describeAuditEntities(db, actor, events.items.map((e) => e.entity));
  const newestFirst = (filters.order ?? (filters.entity ? "asc" : "desc")) === "desc";
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-6">
      <div>
        <h1>Audit log</h1>
        <p className="text-sm text-stone-600">
          Every change, chained by SHA-256: each event&apos;s hash covers the one before, so no event can be altered or
          removed without breaking every link after it.
        </p>
      </div>
      <section
        data-testid="chain-verification"
        className={`rounded-lg border p-5 ${verification.ok ? "border-emerald-200 bg-emerald-50" : "border-rose-300 bg-rose-50"}`}
      >
        <h2 className={verification.ok ? "text-emerald-950" : "text-rose-950"}>
          {verification.ok ? "The chain verifies" : "The chain is broken"}
        </h2>
        <p className="mt-1 text-sm">
          {verification.ok
            ? `All ${verification.events} events were re-hashed just now and every link holds.`
            : `First broken link at event #${verification.firstBroken}: ${verification.problem}.`}
        </p>
        <p className="mt-3 text-xs text-stone-600">Head hash (pin it to check this log later):</p>
        <p className="break-all font-mono text-sm" data-testid="head-hash">{verification.head}</p>
        <p className="mt-2 text-xs text-stone-600">
          Also: <code>GET /api/v1/audit/verify</code> and <code>npm run audit:verify</code>.
        </p>
      </section>
      <section className="space-y-3">
        <h2>Events, {newestFirst ? "newest" : "oldest"} first</h2>
        <AuditFilters values={filters} people={people} />
        {problems ? (
          <div role="alert" data-testid="audit-filter-error" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
            <p>These filters cannot be read:</p>
            <ul className="list-disc pl-5">{problems.map((p) => <li key={p} dir="auto">{p}</li>)}</ul>
          </div>
        ) : events.items.length === 0 ? (
          <EmptyState title={filtered || cursor ? "No events match these filters." : "No events yet."} />
        ) : (
          <AuditTimeline events={events.items} showEntity entities={entities} />
        )}
        <Pager basePath="/admin/audit" params={filters} nextCursor={events.nextCursor} prevCursor={events.prevCursor} isFirstPage={!cursor} />
      </section>
    </div>
  );
}
