import { type NextRequest, NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/respond";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale, negotiateLocale } from "@/lib/i18n/locales";
import { PUBLIC_ENTRIES, PUBLIC_EVENTS, PUBLIC_PAGES, publicPath } from "@/lib/i18n/public-paths";
import { inLocale, tr } from "@/lib/i18n/translate";
import { AppError } from "@/lib/errors/app-error";
import { createNonce, DOCUMENT_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from "@/lib/security/content-security-policy";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { renderEveryLanguageNotFound } from "@/lib/public-pages/status-documents";
import { PAGE_SEGMENTS } from "@/lib/http/page-segments";

/**
 * Four jobs, each in the reader's language (the switch's cookie, else Accept-Language).
 *
 * A reader who chose Arabic (or whose browser asks for it) and arrives at the public home or the
 * methodology at its default-language address is sent to the Arabic one (`publicLanguageRedirect`);
 * one who followed our own link there (the header's language links) is not.
 *
 * An address with a malformed %-escape (`/claims/%ZZ`) is answered here: Next cannot decode it
 * into a route's parameters and would answer a bare 500. Under /api/ it is a 400 in the API's
 * error shape; a page gets the site's own 404 page, and a server action posted to it a 404 (no
 * page has such an address). Only addresses with a "%" under /api/ come here (the third
 * matcher), and only for this: everything else of the API never passes the proxy.
 *
 * Server actions posted from another site's page (a foreign or `null` Origin, or none but
 * `Sec-Fetch-Site: cross-site`) are refused with a 403 in the API's error shape. Next checks the
 * Origin itself but answers a mismatch with a 500. The check is lib/security/same-origin.ts, the
 * one the API's doors use. Every unsafe request that reaches the proxy outside /api/ is a server
 * action (pages take no other posts): a script's post (`Next-Action` header, the
 * second matcher branch) or a form posted without JavaScript (the first branch).
 *
 * Pages rendered on request by React (sign-in, the workspace) get a fresh CSP nonce: Next reads it
 * from the request's Content-Security-Policy and puts it on its own script tags; the answer carries
 * the same policy. The public site's documents (lib/public-pages: the home, the methodology, the
 * 404s) have no script and carry the documents' own policy; what the proxy sets is what an answer
 * keeps (Next adds a route's own header only where none is set yet).
 *
 * It never sees uploads or any other API call (bar the malformed-escape check above): with a proxy in the path, Next clones each request
 * body for it, which cut upload throughput to a third (action bodies are small forms). Nor entry
 * pages (sealed documents carrying their own policy), static files or prefetches; next.config.ts
 * gives the static files and prefetches theirs. Authorisation is not done here: pages and lib/
 * check it themselves.
 */
export function proxy(request: NextRequest) {
  return inLocale(requestLocale(request), () => answer(request));
}

function answer(request: NextRequest) {
  const malformed = hasMalformedEscape(request.nextUrl.pathname);
  if (request.nextUrl.pathname.startsWith("/api/")) {
    // The API checks its own callers (a token, or the cookie and the Origin: lib/api/route.ts).
    if (malformed) return errorResponse(new AppError("BAD_REQUEST", tr("errors.malformedEscape")));
    return NextResponse.next();
  }
  try {
    assertSameOrigin(request);
  } catch (refusal) {
    return errorResponse(refusal);
  }
  if (request.headers.has("next-action")) {
    // No page has such an address, so no action is posted from one.
    if (malformed) return errorResponse(new AppError("NOT_FOUND", tr("errors.noSuchPage")));
    return NextResponse.next();
  }
  const language = publicLanguageRedirect(request);
  if (language) return language;
  if (malformed || namesNoPage(request.nextUrl.pathname)) {
    // The site's 404 document, in every language (the address names none of ours), answered here:
    // Next could not decode a malformed address into a route's parameters (a bare 500).
    return new NextResponse(renderEveryLanguageNotFound(env.PUBLIC_URL), {
      status: 404,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": DOCUMENT_CONTENT_SECURITY_POLICY },
    });
  }
  if (isPublicDocument(request.nextUrl.pathname)) {
    // A document of lib/public-pages (a route handler): no script, so no nonce; its own policy,
    // set here too because what the proxy sets is what the answer carries.
    const response = NextResponse.next();
    response.headers.set("content-security-policy", DOCUMENT_CONTENT_SECURITY_POLICY);
    return response;
  }
  const policy = pageContentSecurityPolicy({ nonce: createNonce(), isDev: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/** The first segments of the public site's own addresses (`/`, `/methodology`, `/entries/…`). */
const PUBLIC_SEGMENTS = new Set(["", ...PUBLIC_PAGES.map((page) => page.slice(1)), PUBLIC_ENTRIES.split("/")[1], PUBLIC_EVENTS.split("/")[1]]);

/**
 * The public site's addresses, and everything under a language (`/ar`, `/ar/…`): documents of
 * lib/public-pages, never rendered by React.
 */
function isPublicDocument(pathname: string): boolean {
  const first = pathname.split("/")[1] ?? "";
  return PUBLIC_SEGMENTS.has(first) || isLocale(first);
}

/** The language of the proxy's own refusals: the language switch's cookie, else the browser's. */
function requestLocale(request: NextRequest): Locale {
  const cookie = request.cookies.get(LOCALE_COOKIE)?.value;
  return isLocale(cookie) ? cookie : (negotiateLocale(request.headers.get("accept-language")) ?? DEFAULT_LOCALE);
}

/**
 * The public home and methodology at their default-language addresses (`/`, `/methodology`) send
 * a reader who chose another language (the switch's cookie), or whose browser asks for one and
 * who chose none, to that language's address, unless they came by one of our links. Entry pages
 * never pass here: their address is their language, and the page links the other.
 */
function publicLanguageRedirect(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (request.method !== "GET" || !(PUBLIC_PAGES as readonly string[]).includes(pathname)) return null;
  // A move within the site: one of our pages' links, which always name their language (the
  // header's language links are plain links and set no cookie), so the reader chose this one.
  if (isMoveWithinSite(request)) return null;
  const cookie = request.cookies.get(LOCALE_COOKIE)?.value;
  const wanted = isLocale(cookie) ? cookie : negotiateLocale(request.headers.get("accept-language"));
  if (!wanted || wanted === DEFAULT_LOCALE) return null;
  const url = request.nextUrl.clone();
  url.pathname = publicPath(wanted, pathname);
  const response = NextResponse.redirect(url, 307);
  response.headers.set("vary", "cookie, accept-language");
  return response;
}

/** The browser says the request comes from one of our own pages (a link followed, a form sent). */
function isMoveWithinSite(request: NextRequest): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  // Browsers too old to say: our pages send their own address as Referer (referrer-policy same-origin).
  const referer = request.headers.get("referer");
  try {
    return referer !== null && new URL(referer).host === request.headers.get("host");
  } catch {
    return false;
  }
}


/**
 * An address whose first segment is neither a page of ours nor a language (`/nonsense`,
 * `/xx/methodology`): it would be taken for the public site in a language we do not have.
 */
function namesNoPage(pathname: string): boolean {
  const first = pathname.split("/")[1] ?? "";
  return first !== "" && !isLocale(first) && !PAGE_SEGMENTS.includes(first);
}

function hasMalformedEscape(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export const config = {
  matcher: [
    {
      // Everything but /api/…, /_next/…, the cached entry pages of every language we have
      // (/entries/…, /ar/entries/…: the layers test keeps the list to LOCALES) and files with an
      // extension (public/). An entry address in a language we lack (/xx/entries/…) comes here,
      // to the site's 404 page, and never becomes an entry of the page cache.
      source: "/((?!api/|_next/|(?:ar/)?entries/|.*\\.[A-Za-z0-9]+$).*)",
      // Prefetches and scripts' server-action posts answer with data, not a document to protect.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
    {
      // Scripts' server-action posts, for the Origin check, wherever a page is (never /api/…, so
      // no upload passes here).
      source: "/((?!api/|_next/).*)",
      has: [{ type: "header", key: "next-action" }],
    },
    {
      // Any address with a "%" (uploads have none), for the malformed-escape check.
      source: "/((?!_next/).*%.*)",
    },
  ],
};
