import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { languageOf, PRODUCT_NAME } from "./locales";
import { manifestPath, THEME_COLOR } from "./web-manifest";

/**
 * The site's name and description in the page's language (a public page names it), each page's
 * title template, and what a phone installs: the manifest in that language and the icons.
 */
export async function siteMetadata(locale?: string): Promise<Metadata> {
  const t = locale ? await getTranslations({ locale, namespace: "site" }) : await getTranslations("site");
  return {
    title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
    description: t("description"),
    manifest: manifestPath(languageOf(locale ?? (await getLocale()))),
    icons: { icon: "/icons/icon-192.png", apple: "/icons/apple-touch-icon.png" },
  };
}

/** The phone's bar in the workspace's colour. */
export const siteViewport: Viewport = { themeColor: THEME_COLOR };
