import { directionOf, LOCALE_NAMES, LOCALES, type Locale, PRODUCT_NAME } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { html, type HtmlValue, renderHtml, trustedHtml } from "@/lib/html/html";
import type { PublicSpeech } from "./speech";
import { DOCUMENT_CSS } from "./styles";

export type ShellInput = {
  speech: PublicSpeech;
  title: string;
  description: string;
  /** The page's address without its language ("/entries/x/v/2"), for the language links. */
  path: string;
  /** The site's public address (PUBLIC_URL), for absolute alternates; relative without it. */
  origin: string | undefined;
  /** Extra elements for the head (JSON-LD). */
  head?: HtmlValue;
  /** Lines of the footer under the site's own (the seal of an entry's page). */
  footer?: HtmlValue;
  body: HtmlValue;
};

/**
 * A public document: the whole HTML page, in its language and direction, with its one stylesheet
 * inside it and no script. The header links the site's pages and the same page in the other
 * languages (plain links: the page's address is its language); the footer the site's promise and
 * its open data.
 */
export function publicShell({ speech, title, description, path, origin, head, footer, body }: ShellInput): string {
  const { locale } = speech;
  const site = speech.t("publicSite");
  const foot = speech.t("publicFooter");
  const language = speech.t("language");
  const base = origin?.replace(/\/$/, "") ?? "";
  const others = LOCALES.filter((l) => l !== locale);
  return renderHtml(html`<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${PRODUCT_NAME}</title>
<meta name="description" content="${description}">
${LOCALES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${base}${publicPath(l, path)}">\n`)}<link rel="alternate" hreflang="x-default" href="${base}${path}">
<style>${trustedHtml(DOCUMENT_CSS)}</style>
${head ?? ""}
</head>
<body>
<header class="top"><div class="wrap">
<a class="brand" href="${publicPath(locale, "/")}">${PRODUCT_NAME}</a>
<nav aria-label="${site("navLabel")}"><a href="${publicPath(locale, "/methodology")}">${site("howWeWork")}</a> <a href="/login">${site("signIn")}</a>${others.map(
    (l) => html` <a href="${publicPath(l, path)}" hreflang="${l}" lang="${l}">${language("switchTo", { name: LOCALE_NAMES[l] })}</a>`,
  )}</nav>
</div></header>
<main class="wrap">
${body}
</main>
<footer class="foot"><div class="wrap">
<p>${foot("promise")} <a href="${publicPath(locale, "/methodology")}">${foot("howWeWork")}</a> · <a href="/api/v1/public/feed.atom">${foot("feed")}</a> · <a href="/api/v1/public/entries.csv">${foot("csv")}</a> · <a href="/api/v1/public/export.zip">${foot("dataset")}</a></p>
${footer ?? ""}
</div></footer>
</body>
</html>
`);
}
