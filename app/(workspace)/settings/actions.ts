"use server";

import { cookies } from "next/headers";
import type { ActionState } from "@/lib/errors/action-state";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { formAction } from "@/lib/server/doors";
import { updatePreferences } from "@/lib/users/preferences";

/**
 * The settings form. The graphic-media box is sent only when ticked; the language's empty choice is
 * "follow my browser" (null); a field the form did not send is left as it is. A language or digits
 * we do not have is refused by the schema (a field error), never stored.
 */
export async function savePreferencesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async ({ db, actor, values }) => {
    const saved = await updatePreferences(db, actor, {
      revealGraphicMedia: values.revealGraphicMedia === "on",
      ...(values.locale === undefined ? {} : { locale: values.locale === "" ? null : values.locale }),
      ...(values.digits === undefined ? {} : { digits: values.digits }),
    });
    // "Follow my browser" means the browser's language, not one the header's switch left in a cookie.
    if (values.locale !== undefined && saved.locale === null) (await cookies()).delete(LOCALE_COOKIE);
    return { redirectTo: "/settings?saved=1" };
  });
}
