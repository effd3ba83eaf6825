import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmForm } from "@/components/security/confirm-form";
import { PasskeyRegister } from "@/components/security/passkey-register";
import { TotpSetup } from "@/components/security/totp-setup";
import { listPasskeys } from "@/lib/auth/passkeys";
import { getSecondFactorSummary, pendingTotpEnrolment } from "@/lib/auth/second-factor";
import { pageContext } from "@/lib/server/doors";
import {
  confirmTotpAction,
  passkeyOptionsAction,
  regenerateRecoveryCodesAction,
  registerPasskeyAction,
  removePasskeyAction,
  removeTotpAction,
  startTotpAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor.security");
  return { title: t("metaTitle") };
}

const section = "space-y-4 rounded-lg border border-stone-200 bg-white p-5";

/** A person's second factors: the authenticator app, passkeys and security keys, recovery codes. */
export default async function SecurityPage() {
  const { db, actor } = await pageContext("/settings/security");
  const [summary, enrolment, passkeys, t, format] = await Promise.all([
    getSecondFactorSummary(db, actor),
    pendingTotpEnrolment(db, actor),
    listPasskeys(db, actor),
    getTranslations("twoFactor"),
    getFormatter(),
  ]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href="/settings" className="text-sm text-stone-600">{t("security.back")}</Link>
        <h1 className="mt-1">{t("security.heading")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("security.intro")}</p>
      </div>

      <section className={section} aria-labelledby="totp-heading" data-testid="totp-section">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="totp-heading" className="text-base font-semibold text-stone-900">{t("totp.heading")}</h2>
          <span className={`text-sm ${summary.totpEnabledAt ? "text-emerald-800" : "text-stone-500"}`} data-testid="totp-status">
            {summary.totpEnabledAt ? t("totp.on", { date: date(summary.totpEnabledAt) }) : t("totp.off")}
          </span>
        </div>
        <p className="text-sm text-stone-600">{t("totp.intro")}</p>
        <TotpSetup enrolment={enrolment} enabled={!!summary.totpEnabledAt} start={startTotpAction} confirm={confirmTotpAction} />
        {summary.totpEnabledAt ? <ConfirmForm submit={removeTotpAction} label={t("totp.remove")} question={t("totp.removeConfirm")} testId="totp-remove" danger /> : null}
      </section>

      <section className={section} aria-labelledby="passkeys-heading" data-testid="passkeys-section">
        <h2 id="passkeys-heading" className="text-base font-semibold text-stone-900">{t("passkeys.heading")}</h2>
        <p className="text-sm text-stone-600">{t("passkeys.intro")}</p>
        {passkeys.length === 0 ? (
          <p className="text-sm text-stone-500">{t("passkeys.none")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-md border border-stone-200" data-testid="passkey-list">
            {passkeys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-start justify-between gap-3 p-3">
                <div className="min-w-0">
                  <p className="font-medium text-stone-900" dir="auto" data-testid="passkey-name">{key.name}</p>
                  <p className="text-xs text-stone-500">
                    {t("passkeys.created", { date: date(key.createdAt) })} · {key.lastUsedAt ? t("passkeys.lastUsed", { date: date(key.lastUsedAt) }) : t("passkeys.neverUsed")}
                  </p>
                </div>
                <ConfirmForm submit={removePasskeyAction.bind(null, key.id)} label={t("passkeys.remove")} question={t("passkeys.removeConfirm", { name: key.name })} testId="passkey-remove" danger />
              </li>
            ))}
          </ul>
        )}
        <PasskeyRegister options={passkeyOptionsAction} register={registerPasskeyAction} />
      </section>

      <section className={section} aria-labelledby="recovery-heading" data-testid="recovery-section">
        <h2 id="recovery-heading" className="text-base font-semibold text-stone-900">{t("recovery.heading")}</h2>
        <p className="text-sm text-stone-600">{t("recovery.intro")}</p>
        {summary.hasRecoveryCodes ? (
          <>
            <p className="text-sm text-stone-800" data-testid="recovery-left">{t("recovery.left", { count: summary.recoveryCodesLeft })}</p>
            <ConfirmForm submit={regenerateRecoveryCodesAction} label={t("recovery.regenerate")} question={t("recovery.regenerateConfirm")} testId="recovery-regenerate" />
          </>
        ) : (
          <p className="text-sm text-stone-500">{t("recovery.none")}</p>
        )}
      </section>
    </div>
  );
}
