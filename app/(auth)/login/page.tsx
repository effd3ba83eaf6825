import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { OrganisationSignIn } from "@/components/auth/organisation-sign-in";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ForgetDeviceDrafts } from "@/components/layout/forget-device-drafts";
import { FormMessage } from "@/components/ui/form";
import { askedOriginOf } from "@/lib/api/request-origin";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { organisationSignInEnabled, passwordSignInEnabled } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";
import { signedInActor } from "@/lib/server/doors";
import { organisationSignInAction } from "./actions";

/**
 * What Auth.js sends back as `?error=`: the organisation's refusals (lib/auth/organisation-sign-in.ts),
 * a password refused at its endpoint; anything else is a failed round trip to the organisation.
 */
const SIGN_IN_ERRORS = { unverified: "oidcUnverified", not_invited: "oidcNotInvited", identity_mismatch: "oidcMismatch", CredentialsSignin: "wrong" } as const;

function errorMessageKey(error: string | undefined) {
  if (!error) return null;
  if (Object.hasOwn(SIGN_IN_ERRORS, error)) return SIGN_IN_ERRORS[error as keyof typeof SIGN_IN_ERRORS];
  return organisationSignInEnabled() ? "oidcFailed" : null;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("metaTitle") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; reset?: string }> }) {
  const { callbackUrl, error, reset } = await searchParams;
  const target = safeRedirectPath(callbackUrl, askedOriginOf(await headers()));
  if (await signedInActor()) redirect(target);
  const t = await getTranslations("signIn");
  const errorKey = errorMessageKey(error);
  return (
    <AuthFrame heading={t("heading")} intro={t("intro")}>
      <ForgetDeviceDrafts />
      {reset ? (
        <div className="mb-4">
          <FormMessage tone="success" message={t("passwordReset")} />
        </div>
      ) : null}
      {errorKey ? (
        <div className="mb-4">
          <FormMessage message={t(errorKey)} tone="error" />
        </div>
      ) : null}
      {passwordSignInEnabled() ? (
        <>
          <LoginForm callbackUrl={target} />
          <p className="mt-4 text-center text-sm">
            <Link href="/login/forgot" className="text-teal-800 underline" data-testid="forgot-link">{t("forgotLink")}</Link>
          </p>
        </>
      ) : null}
      {organisationSignInEnabled() ? (
        <>
          {passwordSignInEnabled() ? <p className="my-4 text-center text-xs uppercase tracking-wide text-stone-500">{t("or")}</p> : null}
          <OrganisationSignIn submit={organisationSignInAction} callbackUrl={target} providerName={env.OIDC_NAME} />
        </>
      ) : null}
    </AuthFrame>
  );
}
