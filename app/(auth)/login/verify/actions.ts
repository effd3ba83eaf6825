"use server";

import { headers } from "next/headers";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { askedOriginOf } from "@/lib/api/request-origin";
import { passkeySignInOptions, siteOf, verifyPasskeySignIn } from "@/lib/auth/passkeys";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { verifySecondFactorCode, verifyingSession } from "@/lib/auth/second-factor";
import type { ActionState } from "@/lib/errors/action-state";
import { formAction, stageContext } from "@/lib/server/doors";

/** The second factor of a sign-in (a session that owes one), then on to where the person was going. */

async function verifying() {
  const { db, signedIn } = await stageContext();
  return { db, session: verifyingSession(signedIn) };
}

/** A code: six digits from the authenticator app, or a recovery code. */
export async function verifyCodeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ values }) => {
    const { db, session } = await verifying();
    await verifySecondFactorCode(db, session, { code: values.code ?? "" });
    return { redirectTo: safeRedirectPath(values.callbackUrl, askedOriginOf(await headers())) };
  });
}

/** The browser's options to sign with one of the person's passkeys. */
export async function passkeySignInOptionsAction(): Promise<ActionState & { options?: PublicKeyCredentialRequestOptionsJSON }> {
  let options: PublicKeyCredentialRequestOptionsJSON | null = null;
  const state = await formAction(undefined, async () => {
    const { db, session } = await verifying();
    options = await passkeySignInOptions(db, session, siteOf(await headers()));
    return { message: "", refresh: [] };
  });
  return options ? { ...state, options } : state;
}

/** The passkey's signature; on success the page goes on to `callbackUrl` (answered, checked to be ours). */
export async function verifyPasskeyAction(input: unknown, callbackUrl: unknown): Promise<ActionState & { redirectTo?: string }> {
  let redirectTo: string | null = null;
  const state = await formAction(undefined, async () => {
    const { db, session } = await verifying();
    await verifyPasskeySignIn(db, session, siteOf(await headers()), input);
    redirectTo = safeRedirectPath(callbackUrl, askedOriginOf(await headers()));
    return { message: "", refresh: [] };
  });
  return redirectTo ? { ...state, redirectTo } : state;
}
