import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationSettingsForm } from "@/components/notifications/settings-form";
import { REMINDER_DAYS_MAX } from "@/lib/notifications/defaults";
import { getNotificationSettings } from "@/lib/notifications/settings";
import { orNotFound, pageContext } from "@/lib/server/doors";
import { saveNotificationSettingsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.settings");
  return { title: t("metaTitle") };
}

/** The team's notification settings (admins only; anyone else gets the 404 page). */
export default async function NotificationSettingsPage() {
  const { db, actor } = await pageContext("/admin/notifications");
  const settings = await orNotFound(getNotificationSettings(db, actor), ["FORBIDDEN"]);
  const t = await getTranslations("notifications.settings");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1>{t("heading")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      </div>
      <NotificationSettingsForm submit={saveNotificationSettingsAction} settings={settings} maxDays={REMINDER_DAYS_MAX} />
    </div>
  );
}
