import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * Every public page has one stable address per language: the default language keeps today's
 * permalinks (`/entries/{slug}`), every other one is prefixed (`/ar/entries/{slug}`).
 * next.config.ts rewrites the unprefixed addresses to the default language's pages and redirects
 * `/en/…` to them.
 */
export function publicPath(locale: Locale, path: string): string {
  if (locale === DEFAULT_LOCALE) return path;
  return path === "/" ? `/${locale}` : `/${locale}${path}`;
}

/** The language an address names and the page's own path: "/ar/entries/x" → ar, "/entries/x". */
export function splitPublicPath(pathname: string): { locale: Locale; path: string } {
  const [, first, ...rest] = pathname.split("/");
  if (isLocale(first)) return { locale: first, path: `/${rest.join("/")}` };
  return { locale: DEFAULT_LOCALE, path: pathname || "/" };
}

/**
 * The public site's pages, without their language: the home, the methodology and the incidents
 * (`/events`; rendered per request, as is each incident below `/events/`), and the entries below
 * `/entries/` (cached). next.config.ts rewrites these addresses to
 * the default language's pages, proxy.ts sends readers of another language on from the first two,
 * and the language switch moves between languages on all of them.
 */
export const PUBLIC_PAGES = ["/", "/methodology", "/events"] as const;

/** The web app manifest's address in the default language (`/ar/manifest.webmanifest` in Arabic): lib/i18n/web-manifest.ts. */
export const WEB_MANIFEST = "/manifest.webmanifest";
export const PUBLIC_ENTRIES = "/entries/";
/** The published incidents' pages (`/events/{slug}`) and their codebook (`/events/codebook`), read per request. */
export const PUBLIC_EVENTS = "/events/";

/** Whether a path (without its language) is one of the public site's pages. */
export function isPublicPath(path: string): boolean {
  return (PUBLIC_PAGES as readonly string[]).includes(path) || path.startsWith(PUBLIC_ENTRIES) || path.startsWith(PUBLIC_EVENTS);
}
