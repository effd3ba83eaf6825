import type { Metadata } from "next";
import { PreferencesForm } from "@/components/settings/preferences-form";
import { FormMessage } from "@/components/ui/form";
import { pageContext } from "@/lib/server/doors";
import { getPreferences } from "@/lib/users/preferences";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { db, actor } = await pageContext("/settings");
  const { saved } = await searchParams;
  const preferences = await getPreferences(db, actor);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1>Settings</h1>
      {saved ? <FormMessage tone="success" message="Settings saved." /> : null}
      <PreferencesForm revealGraphicMedia={preferences.revealGraphicMedia} />
    </div>
  );
}
