import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PolicyForm } from "@/components/security/policy-form";
import { getTwoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { ROLES } from "@/lib/vocabulary";
import { saveTwoFactorPolicyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor.policy");
  return { title: t("metaTitle") };
}

/** Which roles must use a second factor (admins only; anyone else gets the 404 page). */
export default async function TwoFactorPolicyPage() {
  const { db, actor } = await pageContext("/admin/security");
  const policy = await orNotFound(getTwoFactorPolicy(db, actor), ["FORBIDDEN"]);
  const [t, roles] = await Promise.all([getTranslations("twoFactor.policy"), getTranslations("roles")]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1>{t("heading")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      </div>
      <PolicyForm submit={saveTwoFactorPolicyAction} policy={policy} roleNames={Object.fromEntries(ROLES.map((r) => [r, roles(r)])) as Record<(typeof ROLES)[number], string>} />
    </div>
  );
}
