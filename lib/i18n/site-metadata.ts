import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PRODUCT_NAME } from "./locales";

/** The site's name and description in the page's language (a public page names it), and each page's title template. */
export async function siteMetadata(locale?: string): Promise<Metadata> {
  const t = locale ? await getTranslations({ locale, namespace: "site" }) : await getTranslations("site");
  return { title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` }, description: t("description") };
}
