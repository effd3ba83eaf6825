import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { OrganisationSignIn } from "@/components/auth/organisation-sign-in";
import { FormMessage } from "@/components/ui/form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { languageOf, PRODUCT_NAME } from "@/lib/i18n/locales";
import { askedOriginOf } from "@/lib/api/request-origin";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { organisationSignInEnabled, passwordSignInEnabled } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";
import { signedInActor } from "@/lib/server/doors";
import { organisationSignInAction } from "./actions";

/** The organisation's refusals (lib/auth/organisation-sign-in.ts), as `?error=` names them; any other error is a failed round trip. */
const ORGANISATION_REFUSALS = { unverified: "oidcUnverified", not_invited: "oidcNotInvited", identity_mismatch: "oidcMismatch" } as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("metaTitle") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeRedirectPath(callbackUrl, askedOriginOf(await headers()));
  if (await signedInActor()) redirect(target);
  const t = await getTranslations("signIn");
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <div className="mb-8 flex items-center justify-between gap-3">
        <Link href="/" className="text-sm font-semibold tracking-wide text-stone-900 no-underline">
          {PRODUCT_NAME}
        </Link>
        <LanguageSwitch current={languageOf(await getLocale())} />
      </div>
      <h1>{t("heading")}</h1>
      <p className="mb-6 mt-1 text-sm text-stone-600">{t("intro")}</p>
      {error ? (
        <div className="mb-4">
          <FormMessage message={t(Object.hasOwn(ORGANISATION_REFUSALS, error) ? ORGANISATION_REFUSALS[error as keyof typeof ORGANISATION_REFUSALS] : "oidcFailed")} tone="error" />
        </div>
      ) : null}
      {passwordSignInEnabled() ? <LoginForm callbackUrl={target} /> : null}
      {organisationSignInEnabled() ? (
        <>
          {passwordSignInEnabled() ? <p className="my-4 text-center text-xs uppercase tracking-wide text-stone-500">{t("or")}</p> : null}
          <OrganisationSignIn submit={organisationSignInAction} callbackUrl={target} providerName={env.OIDC_NAME} />
        </>
      ) : null}
    </main>
  );
}
