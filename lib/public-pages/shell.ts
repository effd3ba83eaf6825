import { directionOf, LOCALE_NAMES, LOCALES, PRODUCT_NAME } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { manifestPath, THEME_COLOR } from "@/lib/i18n/web-manifest";
import { html, type HtmlValue, renderHtml, tag, trustedHtml, richHtml } from "@/lib/html/html";
import type { PublicSpeech } from "./speech";
import { DOCUMENT_CSS } from "./styles";

/** The audit chain's head as the public list and methodology show it (read at most once a minute). */
export type PublicAuditHead = { seq: number; hash: string; readAt: string };

export type ShellInput = {
  speech: PublicSpeech;
  title: string;
  description: string;
  /**
   * The page's address without its language ("/entries/x/v/2"), for the language links and the
   * `hreflang` alternates; null for a page with no address of its own (a 404), which then links
   * the other languages' home pages and names no alternates.
   */
  path: string | null;
  /** The site's public address (PUBLIC_URL), for absolute alternates; relative without it. */
  origin: string | undefined;
  /** Extra elements for the head (JSON-LD). */
  head?: HtmlValue;
  /** The audit chain's head, for pages read live (the list, the methodology); never on a sealed page. */
  auditHead?: PublicAuditHead | null;
  /** Lines of the footer under the site's own (the seal of an entry's page). */
  footer?: HtmlValue;
  /** Search engines should not keep this page (a 404). */
  noIndex?: boolean;
  body: HtmlValue;
};

/**
 * A public document: the whole HTML page, in its language and direction, with its one stylesheet
 * inside it and no script. The header links the site's pages and the same page in the other
 * languages (plain links, each named in its own language: the page's address is its language);
 * the footer the site's promise and its open data.
 */
export function publicShell({ speech, title, description, path, origin, head, auditHead, footer, noIndex, body }: ShellInput): string {
  const { locale } = speech;
  const site = speech.t("publicSite");
  const foot = speech.t("publicFooter");
  const base = origin?.replace(/\/$/, "") ?? "";
  const others = LOCALES.filter((l) => l !== locale);
  const alternates =
    path === null
      ? ""
      : html`${LOCALES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${base}${publicPath(l, path)}">\n`)}<link rel="alternate" hreflang="x-default" href="${base}${path}">\n`;
  return renderHtml(html`<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${PRODUCT_NAME}</title>
<meta name="description" content="${description}">
<meta name="theme-color" content="${THEME_COLOR}">
<link rel="manifest" href="${manifestPath(locale)}">
<link rel="icon" href="/icons/icon-192.png">
<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png">
${noIndex ? html`<meta name="robots" content="noindex">\n` : ""}${alternates}<style>${trustedHtml(DOCUMENT_CSS)}</style>
${head ?? ""}
</head>
<body>
<header class="top"><div class="wrap">
<a class="brand" href="${publicPath(locale, "/")}">${PRODUCT_NAME}</a>
<nav aria-label="${site("navLabel")}"><a href="${publicPath(locale, "/events")}">${site("incidents")}</a><a href="${publicPath(locale, "/methodology")}">${site("howWeWork")}</a><a href="/login">${site("signIn")}</a>${others.map(
    (l) => html`<a href="${publicPath(l, path ?? "/")}" hreflang="${l}" lang="${l}">${LOCALE_NAMES[l]}</a>`,
  )}</nav>
</div></header>
<main class="wrap">
${body}
</main>
<footer class="foot"><div class="wrap">
<p>${foot("promise")} <a href="${publicPath(locale, "/methodology")}">${foot("howWeWork")}</a> · <a href="/api/v1/public/feed.atom">${foot("feed")}</a> · <a href="/api/v1/public/entries.csv">${foot("csv")}</a> · <a href="/api/v1/public/export.zip">${foot("dataset")}</a></p>
${auditHead ? auditHeadLine(speech, auditHead) : ""}${footer ?? ""}
</div></footer>
</body>
</html>
`);
}

/** The chain's head with its number and when it was read: a reader notes it and can later ask that the log still lead to it. */
function auditHeadLine(speech: PublicSpeech, head: PublicAuditHead) {
  const foot = speech.t("publicFooter");
  return html`<p>${richHtml(
    foot.rich("auditHead", {
      seq: head.seq,
      time: tag(() => html`<time datetime="${head.readAt}">${speech.formats.dateTime(head.readAt)}</time>`),
    }),
  )} <bdi dir="ltr" class="mono" data-testid="public-head-hash">${head.hash}</bdi></p>
`;
}
