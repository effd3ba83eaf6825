import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/login/actions";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { PasskeySignIn } from "@/components/security/passkey-sign-in";
import { VerifyCodeForm } from "@/components/security/verify-code-form";
import { buttonClass } from "@/components/ui/form";
import { askedOriginOf } from "@/lib/api/request-origin";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { factorsOf } from "@/lib/auth/second-factor";
import { languageOf, PRODUCT_NAME } from "@/lib/i18n/locales";
import { stageContext } from "@/lib/server/doors";
import { passkeySignInOptionsAction, verifyCodeAction, verifyPasskeyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor.verify");
  return { title: t("metaTitle") };
}

/** The second factor of a sign-in: a code (app or recovery) or a passkey; only a session that owes one sees it. */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(callbackUrl, askedOriginOf(await headers()));
  const { db, signedIn } = await stageContext();
  const back = `callbackUrl=${encodeURIComponent(target)}`;
  if (!signedIn) redirect(`/login?${back}`);
  if (signedIn.stage === "enrol") redirect(`/enrol?${back}`);
  if (signedIn.stage === "full") redirect(target);
  const [factors, t] = await Promise.all([factorsOf(db, signedIn.actor.id), getTranslations("twoFactor.verify")]);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 flex items-center justify-between gap-3">
        <Link href="/" className="text-sm font-semibold tracking-wide text-stone-900 no-underline">{PRODUCT_NAME}</Link>
        <LanguageSwitch current={languageOf(await getLocale())} />
      </div>
      <h1>{t("heading")}</h1>
      <p className="mb-6 mt-1 text-sm text-stone-600">{t("intro")}</p>
      <VerifyCodeForm submit={verifyCodeAction} callbackUrl={target} />
      {factors.passkey ? (
        <>
          <p className="my-4 flex items-center gap-3 text-xs uppercase tracking-wide text-stone-500 before:h-px before:flex-1 before:bg-stone-200 after:h-px after:flex-1 after:bg-stone-200">{t("or")}</p>
          <PasskeySignIn options={passkeySignInOptionsAction} verify={verifyPasskeyAction} callbackUrl={target} />
        </>
      ) : null}
      <form action={signOutAction} className="mt-8 text-center">
        <button type="submit" className={`${buttonClass.secondary} border-none bg-transparent text-stone-600 shadow-none hover:bg-transparent hover:underline`}>{t("otherAccount")}</button>
      </form>
    </main>
  );
}
