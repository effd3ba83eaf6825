import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotificationPreferencesForm } from "@/components/notifications/preferences-form";
import { AccountForm } from "@/components/settings/account-form";
import { PasswordForm } from "@/components/settings/password-form";
import { PreferencesForm } from "@/components/settings/preferences-form";
import { ForgetDeviceDrafts } from "@/components/layout/forget-device-drafts";
import { SessionsList } from "@/components/settings/sessions-list";
import { TokenForm } from "@/components/settings/token-form";
import { TokensList } from "@/components/settings/tokens-list";
import { FormMessage } from "@/components/ui/form";
import { getOwnAccount } from "@/lib/account/own-account";
import { listTokens } from "@/lib/auth/api-tokens";
import { listSessions } from "@/lib/auth/sessions";
import { getNotificationPreferences } from "@/lib/notifications/preferences";
import { currentSessionId, pageContext } from "@/lib/server/doors";
import { getPreferences } from "@/lib/users/preferences";
import { saveNotificationPreferencesAction } from "./notification-actions";
import { changePasswordAction, createOwnTokenAction, endSessionAction, renameSelfAction, revokeOwnTokenAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" data-testid={`settings-${id}`}>
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold text-stone-900">{title}</h2>
        {intro ? <p className="mt-1 text-sm text-stone-600">{intro}</p> : null}
      </div>
      {children}
    </section>
  );
}

const card = "rounded-lg border border-stone-200 bg-white p-5";

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { db, actor } = await pageContext("/settings");
  const { saved } = await searchParams;
  const sessionId = await currentSessionId();
  const [preferences, account, sessions, tokens, notificationPreferences, t] = await Promise.all([
    getPreferences(db, actor),
    getOwnAccount(db, actor),
    listSessions(db, actor, actor.id, sessionId ?? undefined),
    listTokens(db, actor, actor.id),
    getNotificationPreferences(db, actor),
    getTranslations("settings"),
  ]);
  const tn = await getTranslations("notifications.preferences");
  return (
    <div className="mx-auto max-w-2xl space-y-10">
      <h1>{t("title")}</h1>
      <Section id="account" title={t("account.heading")}>
        <div className={card}>
          <AccountForm submit={renameSelfAction} name={account.name} email={account.email} />
        </div>
      </Section>
      <Section id="preferences" title={t("preferencesHeading")}>
        {saved ? <FormMessage tone="success" message={t("saved")} /> : null}
        <PreferencesForm revealGraphicMedia={preferences.revealGraphicMedia} lowBandwidth={preferences.lowBandwidth} deviceDrafts={preferences.deviceDrafts} locale={preferences.locale} digits={preferences.digits} />
        {/* Device drafts turned off: what this browser kept is forgotten now, not when the form is next opened. */}
        {preferences.deviceDrafts ? null : <ForgetDeviceDrafts />}
      </Section>
      <Section id="notifications" title={tn("heading")} intro={tn("intro")}>
        <NotificationPreferencesForm submit={saveNotificationPreferencesAction} preferences={notificationPreferences} />
      </Section>
      <Section id="password" title={t("password.heading")} intro={account.hasPassword ? t("password.intro") : undefined}>
        <div className={card}>
          {account.hasPassword ? <PasswordForm submit={changePasswordAction} /> : <p className="text-sm text-stone-600">{t("password.noPassword")}</p>}
        </div>
        <p className="text-sm">
          <Link href="/settings/security" data-testid="security-link">{t("securityLink")}</Link>
        </p>
      </Section>
      <Section id="sessions" title={t("sessions.heading")} intro={t("sessions.intro")}>
        <SessionsList sessions={sessions.map((session) => ({ session, end: endSessionAction.bind(null, session.id) }))} />
      </Section>
      <Section id="tokens" title={t("tokens.heading")} intro={t("tokens.intro")}>
        <div className={card}>
          <TokenForm submit={createOwnTokenAction} />
        </div>
        <TokensList tokens={tokens.map((token) => ({ token, revoke: revokeOwnTokenAction.bind(null, token.id) }))} now={Date.now()} />
      </Section>
    </div>
  );
}
