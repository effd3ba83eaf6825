import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/login/actions";
import { confirmTotpAction, passkeyOptionsAction, registerPasskeyAction, startTotpAction } from "@/app/(workspace)/settings/security/actions";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { PasskeyRegister } from "@/components/security/passkey-register";
import { TotpSetup } from "@/components/security/totp-setup";
import { buttonClass, FormMessage } from "@/components/ui/form";
import { askedOriginOf } from "@/lib/api/request-origin";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { enrollingActor, pendingTotpEnrolment } from "@/lib/auth/second-factor";
import { languageOf, PRODUCT_NAME } from "@/lib/i18n/locales";
import { stageContext } from "@/lib/server/doors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor.enrol");
  return { title: t("metaTitle") };
}

const section = "space-y-3 rounded-lg border border-stone-200 bg-white p-5";

/**
 * Enrolment for a person whose role must have a second factor and who has none: an authenticator
 * app or a passkey, and nothing else. Once one is kept the session is full; the page stays (its
 * recovery codes are shown once) and, below them, leads on to where the person was going.
 */
export default async function EnrolPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(callbackUrl, askedOriginOf(await headers()));
  const { db, signedIn } = await stageContext();
  const back = `callbackUrl=${encodeURIComponent(target)}`;
  if (!signedIn) redirect(`/login?${back}`);
  if (signedIn.stage === "verify") redirect(`/login/verify?${back}`);
  const actor = enrollingActor(signedIn);
  const [enrolment, t] = await Promise.all([pendingTotpEnrolment(db, actor), getTranslations("twoFactor")]);
  const done = signedIn.stage === "full";
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center px-4 py-12">
      <div className="mb-8 flex items-center justify-between gap-3">
        <Link href="/" className="text-sm font-semibold tracking-wide text-stone-900 no-underline">{PRODUCT_NAME}</Link>
        <LanguageSwitch current={languageOf(await getLocale())} />
      </div>
      <h1>{t("enrol.heading")}</h1>
      {done ? null : <p className="mb-6 mt-1 text-sm text-stone-600">{t("enrol.intro")}</p>}
      <div className="space-y-5">
        <section className={section} aria-labelledby="enrol-app" data-testid="enrol-app">
          <h2 id="enrol-app" className="text-base font-semibold text-stone-900">{t("enrol.chooseApp")}</h2>
          <p className="text-sm text-stone-600">{t("totp.intro")}</p>
          <TotpSetup enrolment={enrolment} enabled={false} start={startTotpAction} confirm={confirmTotpAction} />
        </section>
        <section className={section} aria-labelledby="enrol-passkey" data-testid="enrol-passkey">
          <h2 id="enrol-passkey" className="text-base font-semibold text-stone-900">{t("enrol.choosePasskey")}</h2>
          <p className="text-sm text-stone-600">{t("passkeys.intro")}</p>
          <PasskeyRegister options={passkeyOptionsAction} register={registerPasskeyAction} />
        </section>
      </div>
      {done ? (
        <div className="mt-6 space-y-3" data-testid="enrol-done">
          <FormMessage message={t("enrol.done")} tone="success" />
          <a href={target} className={buttonClass.primary} data-testid="enrol-continue">{t("enrol.continue")}</a>
        </div>
      ) : null}
      <form action={signOutAction} className="mt-8 text-center">
        <button type="submit" className={`${buttonClass.secondary} border-none bg-transparent text-stone-600 shadow-none hover:bg-transparent hover:underline`}>{t("verify.otherAccount")}</button>
      </form>
    </main>
  );
}
