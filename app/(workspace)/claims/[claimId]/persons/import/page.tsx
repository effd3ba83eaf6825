import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/persons/import-wizard";
import { getClaim } from "@/lib/claims/get-claim";
import { orNotFound, pageContext } from "@/lib/server/doors";

export const metadata: Metadata = { title: "Import a list of persons" };

export default async function ImportPersonsPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}/persons/import`);
  const claim = await orNotFound(getClaim(db, actor, claimId));
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href={`/claims/${claim.id}`}>← <bdi>{claim.title}</bdi></Link>
        </p>
        <h1>Import a list of persons</h1>
        <p className="text-sm text-stone-600">
          A monitor&apos;s victims list, names posted by families: in Arabic script, in Latin letters, or both. You will see which rows are one person and which are persons already held before anything is written.
        </p>
      </div>
      <ImportWizard claimId={claim.id} />
    </div>
  );
}
