import { CATALOGUES } from "@/lib/i18n/catalogues";
import { DEFAULT_LOCALE, directionOf, LOCALES, type Locale } from "@/lib/i18n/locales";
import { publicPath } from "@/lib/i18n/public-paths";
import { html } from "@/lib/html/html";
import { publicShell } from "./shell";
import { publicSpeech } from "./speech";

/** The public site's "not found", in the address's language. */
export function renderNotFoundDocument(locale: Locale, origin: string | undefined): string {
  const speech = publicSpeech(locale);
  const t = speech.t("notFound");
  return publicShell({
    speech,
    title: t("title"),
    description: t("body"),
    path: null,
    origin,
    noIndex: true,
    body: html`<div data-testid="not-found"><h1>${t("title")}</h1><p class="muted">${t("body")}</p><p><a href="${publicPath(locale, "/")}">${t("home")}</a></p></div>`,
  });
}

/**
 * "Not found" in every language, for an address that names no language of ours (`/nonsense`,
 * `/xx/entries/…`): nothing says which the reader reads, so each says it in its own.
 */
export function renderEveryLanguageNotFound(origin: string | undefined): string {
  const speech = publicSpeech(DEFAULT_LOCALE);
  const t = speech.t("notFound");
  return publicShell({
    speech,
    title: t("title"),
    description: t("body"),
    path: null,
    origin,
    noIndex: true,
    body: LOCALES.map((locale) => {
      const words = CATALOGUES[locale].notFound;
      return html`<section lang="${locale}" dir="${directionOf(locale)}" data-testid="not-found"><h1>${words.title}</h1><p class="muted">${words.body}</p><p><a href="${publicPath(locale, "/")}">${words.home}</a></p></section>`;
    }),
  });
}

/** Something failed on our side: said in the address's language, with the way home. */
export function renderErrorDocument(locale: Locale, origin: string | undefined): string {
  const speech = publicSpeech(locale);
  const t = speech.t("errorPage");
  return publicShell({
    speech,
    title: t("title"),
    description: t("body"),
    path: null,
    origin,
    noIndex: true,
    body: html`<div role="alert" data-testid="error-page"><h1>${t("title")}</h1><p class="muted">${t("body")}</p><p><a href="${publicPath(locale, "/")}">${speech.t("notFound")("home")}</a></p></div>`,
  });
}
