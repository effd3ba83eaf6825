import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/persons/import-wizard";
import { getClaim } from "@/lib/claims/get-claim";
import { orNotFound, pageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("importWizard"))("metaTitle") };
}

export default async function ImportPersonsPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const { db, actor } = await pageContext(`/claims/${claimId}/persons/import`);
  const claim = await orNotFound(getClaim(db, actor, claimId));
  const t = await getTranslations("importWizard");
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <div className="space-y-1">
        <p className="text-sm">
          {/* The arrow points back: → in Arabic, read right to left. */}
          <Link href={`/claims/${claim.id}`}>{t("backArrow")} <bdi>{claim.title}</bdi></Link>
        </p>
        <h1>{t("heading")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      <ImportWizard claimId={claim.id} />
    </div>
  );
}
