"use server";

import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { changeOwnPassword, renameSelf } from "@/lib/account/own-account";
import { createOwnToken, revokeToken } from "@/lib/auth/api-tokens";
import { signOut } from "@/lib/auth/next-auth";
import { endSessionById } from "@/lib/auth/sessions";
import type { ActionState } from "@/lib/errors/action-state";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { currentSessionId, formAction } from "@/lib/server/doors";
import { updatePreferences } from "@/lib/users/preferences";

/**
 * The settings form. The graphic-media, low-bandwidth and device-drafts boxes are sent only when ticked; the language's empty choice is
 * "follow my browser" (null); a field the form did not send is left as it is. A language or digits
 * we do not have is refused by the schema (a field error), never stored.
 */
export async function savePreferencesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const saved = await updatePreferences(db, actor, {
      revealGraphicMedia: values.revealGraphicMedia === "on",
      lowBandwidth: values.lowBandwidth === "on",
      deviceDrafts: values.deviceDrafts === "on",
      ...(values.locale === undefined ? {} : { locale: values.locale === "" ? null : values.locale }),
      ...(values.digits === undefined ? {} : { digits: values.digits }),
    });
    // "Follow my browser" means the browser's language, not one the header's switch left in a cookie.
    if (values.locale !== undefined && saved.locale === null) (await cookies()).delete(LOCALE_COOKIE);
    return { redirectTo: "/settings?saved=1" };
  });
}

/** The person's own name. */
export async function renameSelfAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    await renameSelf(db, actor, { name: values.name ?? "" });
    return { message: (await getTranslations("settings.account"))("saved"), refresh: ["/settings"] };
  });
}

/** A password change: the current one, the new one twice; the other sessions end, this one stays. */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return withoutPasswords(await formAction(formData, async ({ db, actor, values }) => {
    const { sessionsEnded } = await changeOwnPassword(db, actor, await currentSessionId(), {
      currentPassword: values.currentPassword ?? "",
      newPassword: values.newPassword ?? "",
      confirmPassword: values.confirmPassword ?? "",
    });
    return { message: (await getTranslations("settings.password"))("changed", { count: sessionsEnded }), refresh: ["/settings"], values: {} };
  }));
}

/** A refused password form's answer, without the passwords it was sent: they are never sent back to the page. */
function withoutPasswords(state: ActionState): ActionState {
  if (!state.values) return state;
  const { currentPassword: _c, newPassword: _n, confirmPassword: _r, ...values } = state.values;
  return { ...state, values };
}

/** Ends one of the person's sessions; ending this one is signing out here. */
export async function endSessionAction(sessionId: string, _prev: ActionState): Promise<ActionState> {
  let endedThisOne = false;
  const state = await formAction(undefined, async ({ db, actor }) => {
    endedThisOne = sessionId === (await currentSessionId());
    await endSessionById(db, actor, sessionId);
    return { message: (await getTranslations("settings.sessions"))("ended"), refresh: ["/settings"] };
  });
  if (endedThisOne && state.ok) await signOut({ redirectTo: "/login" });
  return state;
}

/** A token of the person's own: label, expiry (days, or never) and read-only. The token travels back once, in the answer. */
export async function createOwnTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    // Days as sent ("abc" is NaN, refused by the schema as not a whole number), or "never".
    const expiresInDays = values.expiresInDays === "never" ? null : Number(values.expiresInDays ?? "");
    const created = await createOwnToken(db, actor, { label: values.label ?? "", readOnly: values.readOnly === "on" || values.readOnly === "true", expiresInDays });
    return { message: (await getTranslations("settings.tokens"))("created"), refresh: ["/settings"], values: { createdToken: created.token } };
  });
}

/** Revokes one of the person's tokens (after the form's confirmation). */
export async function revokeOwnTokenAction(tokenId: string, _prev: ActionState): Promise<ActionState> {
  return formAction(undefined, async ({ db, actor }) => {
    await revokeToken(db, actor, tokenId);
    return { message: (await getTranslations("settings.tokens"))("revoked"), refresh: ["/settings"] };
  });
}
