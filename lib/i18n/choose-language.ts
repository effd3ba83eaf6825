import "server-only";
import { z } from "zod";
import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/auth/permissions";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { updatePreferences } from "@/lib/users/preferences";
import { parseInput } from "@/lib/validation/parse";
import { LOCALES, type Locale } from "./locales";
import { isPublicPath, publicPath, splitPublicPath } from "./public-paths";

export const ZChooseLanguage = z.object({ locale: z.enum(LOCALES), returnTo: z.string().max(2000).optional() }).strict();
export type TChooseLanguage = z.input<typeof ZChooseLanguage>;

/**
 * The language switch: the language chosen, kept as the signed-in person's setting (audited as a
 * change of preferences) — a reader's is kept in a cookie by the action — and where to go next:
 * the same page, at the chosen language's address when it is a public page. Never another site.
 */
export async function chooseLanguage(db: Db, actor: Actor | null, input: TChooseLanguage | Record<string, unknown>, origin: string): Promise<{ locale: Locale; redirectTo: string }> {
  const { locale, returnTo } = parseInput(ZChooseLanguage, input);
  if (actor) await updatePreferences(db, actor, { locale });
  // The sign-in page is a page like any other here (going back to it loops only after signing in).
  const back = safeRedirectPath(returnTo, origin, "/", { signInPage: true });
  const { path } = splitPublicPath(new URL(back, origin).pathname);
  const redirectTo = isPublicPath(path) ? `${publicPath(locale, path)}${new URL(back, origin).search}` : back;
  return { locale, redirectTo };
}
