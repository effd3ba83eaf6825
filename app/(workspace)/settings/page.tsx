import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PreferencesForm } from "@/components/settings/preferences-form";
import { FormMessage } from "@/components/ui/form";
import { pageContext } from "@/lib/server/doors";
import { getPreferences } from "@/lib/users/preferences";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { db, actor } = await pageContext("/settings");
  const { saved } = await searchParams;
  const [preferences, t] = await Promise.all([getPreferences(db, actor), getTranslations("settings")]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1>{t("title")}</h1>
      {saved ? <FormMessage tone="success" message={t("saved")} /> : null}
      <p className="text-sm">
        <Link href="/settings/security" data-testid="security-link">{t("securityLink")}</Link>
      </p>
      <PreferencesForm revealGraphicMedia={preferences.revealGraphicMedia} locale={preferences.locale} digits={preferences.digits} />
    </div>
  );
}
