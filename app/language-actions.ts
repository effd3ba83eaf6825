"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { askedOriginOf } from "@/lib/api/request-origin";
import { isAppError } from "@/lib/errors/app-error";
import { chooseLanguage } from "@/lib/i18n/choose-language";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { actionContext, sentForm } from "@/lib/server/doors";

/** The language switch (workspace and public site): remember the choice, go back to the page in it. */
export async function chooseLanguageAction(sent: FormData): Promise<void> {
  const { db, actor } = await actionContext();
  const formData = sentForm(sent);
  const origin = askedOriginOf(await headers());
  const { locale, redirectTo } = await chooseLanguage(
    db,
    actor,
    { locale: String(formData.get("locale") ?? ""), returnTo: String(formData.get("returnTo") ?? "/") },
    origin,
  ).catch((error: unknown) => {
    // The switch's form offers only our languages: anything else sent is ignored, back to the
    // home page. A failure of ours (the database) is not ignored.
    if (isAppError(error) && error.code === "BAD_REQUEST") return { locale: null, redirectTo: "/" };
    throw error;
  });
  // Sent back over HTTPS only when the site is served over it (a development server is not).
  if (locale) (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true, secure: origin.startsWith("https:") });
  redirect(redirectTo);
}
