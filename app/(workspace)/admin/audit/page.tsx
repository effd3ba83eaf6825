import type { Metadata } from "next";
import { AuditTimeline } from "@/components/audit/timeline";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { can } from "@/lib/auth/permissions";
import { pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await pageContext("/admin/audit");
  if (!can(actor, "audit.verify")) {
    return <EmptyState title="The audit log is for reviewers, editors and administrators." />;
  }
  const { cursor } = await searchParams;
  const [verification, events] = await Promise.all([
    verifyAuditChain(db, actor),
    listAuditEvents(db, actor, { cursor, limit: 50 }).catch(() => ({ items: [], nextCursor: null })),
  ]);
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
        <h2>Events, oldest first</h2>
        {events.items.length === 0 ? <EmptyState title="No events yet." /> : <AuditTimeline events={events.items} showEntity />}
        <Pager basePath="/admin/audit" params={{}} nextCursor={events.nextCursor} isFirstPage={!cursor} />
      </section>
    </div>
  );
}
