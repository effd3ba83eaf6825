"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { askedOriginOf } from "@/lib/api/request-origin";
import { isAppError } from "@/lib/errors/app-error";
import { chooseLanguage } from "@/lib/i18n/choose-language";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { actionContext } from "@/lib/server/doors";

/** The language switch (workspace and public site): remember the choice, go back to the page in it. */
export async function chooseLanguageAction(formData: FormData): Promise<void> {
  const { db, actor } = await actionContext();
  const { locale, redirectTo } = await chooseLanguage(
    db,
    actor,
    { locale: String(formData.get("locale") ?? ""), returnTo: String(formData.get("returnTo") ?? "/") },
    askedOriginOf(await headers()),
  ).catch((error: unknown) => {
    // The switch's form offers only our languages: anything else sent is ignored, back to the
    // home page. A failure of ours (the database) is not ignored.
    if (isAppError(error) && error.code === "BAD_REQUEST") return { locale: null, redirectTo: "/" };
    throw error;
  });
  if (locale) (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });
  redirect(redirectTo);
}
