import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClaimForm } from "@/components/claims/claim-form";
import { submitClaimAction } from "./actions";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { REQUIRED_CLAIM_FIELDS } from "@/lib/claims/schemas";
import { pageContext } from "@/lib/server/doors";
import { getPreferences } from "@/lib/users/preferences";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("claims.new");
  return { title: t("title") };
}

export default async function NewClaimPage() {
  const { db, actor } = await pageContext("/claims/new");
  const t = await getTranslations("claims.new");
  if (!can(actor, "claims.submit")) {
    return <EmptyState title={t("notYourRole")}>{t("askAdmin")}</EmptyState>;
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      <ClaimForm
        submit={submitClaimAction}
        required={REQUIRED_CLAIM_FIELDS}
        withEvidence
        device={{ ownerId: actor.id, keepDrafts: (await getPreferences(db, actor)).deviceDrafts }}
      />
    </div>
  );
}
