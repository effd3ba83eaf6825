"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { checkSignInRateLimit } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { endCurrentSession } from "@/lib/auth/current-actor";
import { OIDC_PROVIDER_ID, organisationSignInEnabled, passwordSignInEnabled, signIn, signOut } from "@/lib/auth/next-auth";
import { askedOriginOf } from "@/lib/api/request-origin";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { sentForm, signInContext } from "@/lib/server/doors";

export type SignInState = { error: string | null; email: string };

export async function signInAction(_prev: SignInState, sent: FormData): Promise<SignInState> {
  const formData = sentForm(sent);
  const email = String(formData.get("email") ?? "").slice(0, 254);
  const password = String(formData.get("password") ?? "").slice(0, 200);
  const requestHeaders = await headers();
  const redirectTo = safeRedirectPath(formData.get("callbackUrl"), askedOriginOf(requestHeaders));
  const t = await getTranslations("signIn");
  if (!passwordSignInEnabled()) return { error: t("passwordOff"), email };
  if (!email || !password) return { error: t("missing"), email };
  // Whether this attempt is refused by the limiter, known before it is made: the failure that
  // reaches the limit still gets the ordinary answer.
  const { db } = await signInContext();
  const limit = await checkSignInRateLimit(db, email, clientAddress(requestHeaders));
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      if (limit.limited) {
        return { error: t("tooMany", { minutes: Math.ceil(limit.retryAfterSeconds / 60) }), email };
      }
      return { error: t("wrong"), email };
    }
    throw error; // the redirect after success travels as an error
  }
  return { error: null, email };
}

/**
 * Off to the organisation's identity provider (Auth.js sets the PKCE verifier and state cookies
 * and redirects); it sends the person back to /api/auth/callback/oidc, then to `callbackUrl`.
 */
export async function organisationSignInAction(sent: FormData) {
  const formData = sentForm(sent);
  const redirectTo = safeRedirectPath(formData.get("callbackUrl"), askedOriginOf(await headers()));
  if (!organisationSignInEnabled()) redirect("/login");
  await signIn(OIDC_PROVIDER_ID, { redirectTo });
}

export async function signOutAction() {
  await endCurrentSession();
  await signOut({ redirectTo: "/" });
}
