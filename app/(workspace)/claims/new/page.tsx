import type { Metadata } from "next";
import { ClaimForm } from "@/components/claims/claim-form";
import { submitClaimAction } from "./actions";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { REQUIRED_CLAIM_FIELDS } from "@/lib/claims/schemas";
import { pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Submit a claim" };

export default async function NewClaimPage() {
  const { actor } = await pageContext("/claims/new");
  if (!can(actor, "claims.submit")) {
    return <EmptyState title="Your role does not submit claims.">Ask an administrator if you need to.</EmptyState>;
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1>Submit a claim</h1>
        <p className="text-sm text-stone-600">A video, a report, a count, a named person: one checkable statement.</p>
      </div>
      <ClaimForm submit={submitClaimAction} required={REQUIRED_CLAIM_FIELDS} />
    </div>
  );
}
