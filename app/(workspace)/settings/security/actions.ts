"use server";

import { headers } from "next/headers";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { passkeyRegistrationOptions, registerPasskey, removePasskey, siteOf } from "@/lib/auth/passkeys";
import { confirmTotp, enrollingActor, regenerateRecoveryCodes, removeTotp, startTotpEnrolment } from "@/lib/auth/second-factor";
import type { ActionState } from "@/lib/errors/action-state";
import { tr } from "@/lib/i18n/translate";
import { formAction, stageContext } from "@/lib/server/doors";

/**
 * A person's second factors, from their security page and from enrolment (a session whose role
 * must enrol may use these and nothing else; one that still owes its second factor may not).
 */

/** An answer that may carry recovery codes, shown once. */
export type CodesState = ActionState & { recoveryCodes?: string[] };

const PAGES = ["/settings/security", "/enrol"];

async function enrolling() {
  const { db, signedIn } = await stageContext();
  return { db, actor: enrollingActor(signedIn), sessionId: signedIn?.sessionId ?? "" };
}

/** Starts (or restarts) setting up an authenticator app; the page then shows its QR code. */
export async function startTotpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async () => {
    const { db, actor } = await enrolling();
    await startTotpEnrolment(db, actor);
    return { message: tr("twoFactor.totp.scan"), refresh: PAGES };
  });
}

/** The first code from the app being set up: keeps it (and, with a first factor, answers recovery codes). */
export async function confirmTotpAction(_prev: CodesState, formData: FormData): Promise<CodesState> {
  let codes: string[] | null = null;
  const state = await formAction(formData, async ({ values }) => {
    const { db, actor } = await enrolling();
    codes = (await confirmTotp(db, actor, { code: values.code ?? "" })).recoveryCodes;
    return { message: tr("twoFactor.totp.enabled"), refresh: PAGES };
  });
  return codes ? { ...state, recoveryCodes: codes } : state;
}

export async function removeTotpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await removeTotp(db, actor);
    return { message: tr("twoFactor.totp.removed"), refresh: PAGES };
  });
}

export async function regenerateRecoveryCodesAction(_prev: CodesState, formData: FormData): Promise<CodesState> {
  let codes: string[] | null = null;
  const state = await formAction(formData, async ({ db, actor }) => {
    codes = await regenerateRecoveryCodes(db, actor);
    return { message: tr("twoFactor.recovery.regenerated"), refresh: PAGES };
  });
  return codes ? { ...state, recoveryCodes: codes } : state;
}

/** The browser's options to make a passkey (the first half of registering one). */
export async function passkeyOptionsAction(): Promise<ActionState & { options?: PublicKeyCredentialCreationOptionsJSON }> {
  let options: PublicKeyCredentialCreationOptionsJSON | null = null;
  const state = await formAction(undefined, async () => {
    const { db, actor, sessionId } = await enrolling();
    options = await passkeyRegistrationOptions(db, actor, sessionId, siteOf(await headers()));
    return { message: "", refresh: [] };
  });
  return options ? { ...state, options } : state;
}

/** The passkey the browser made, with the name its person gave it. */
export async function registerPasskeyAction(input: unknown): Promise<CodesState> {
  let codes: string[] | null = null;
  const state = await formAction(undefined, async () => {
    const { db, actor, sessionId } = await enrolling();
    codes = (await registerPasskey(db, actor, sessionId, siteOf(await headers()), input)).recoveryCodes;
    return { message: tr("twoFactor.passkeys.added"), refresh: PAGES };
  });
  return codes ? { ...state, recoveryCodes: codes } : state;
}

export async function removePasskeyAction(passkeyId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor }) => {
    await removePasskey(db, actor, passkeyId);
    return { message: tr("twoFactor.passkeys.removed"), refresh: PAGES };
  });
}
