import type { Metadata } from "next";
import Link from "next/link";
import { ClaimTable } from "@/components/claims/claim-table";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { listClaims } from "@/lib/claims/list-claims";
import { pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "My submissions" };

export default async function MySubmissionsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await pageContext("/my-submissions");
  const { cursor } = await searchParams;
  const result = await listClaims(db, actor, { mine: true, order: "newest", cursor }).catch(() => null);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>My submissions</h1>
          <p className="text-sm text-stone-600">The claims you submitted, newest first, and where each one stands.</p>
        </div>
        <Link href="/claims/new" className={`${buttonClass.primary} no-underline hover:no-underline`}>
          Submit a claim
        </Link>
      </div>
      {!result || result.items.length === 0 ? (
        <EmptyState title="You have not submitted any claims yet.">
          <Link href="/claims/new">Submit your first claim</Link>
        </EmptyState>
      ) : (
        <>
          <ClaimTable claims={result.items} showSubmitter={false} />
          <Pager basePath="/my-submissions" params={{}} nextCursor={result.nextCursor} isFirstPage={!cursor} />
        </>
      )}
    </div>
  );
}
