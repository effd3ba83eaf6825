import { askedOrigin } from "@/lib/api/request-origin";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request that a browser may have sent with our session cookie comes from our own pages.
 * `SameSite=Lax` keeps the cookie off other sites' posts, but a sibling subdomain or another port
 * of the same host is the same *site*, so it still gets the cookie: the origin has to be checked.
 *
 * - Safe methods (GET, HEAD, OPTIONS) always pass: they change nothing.
 * - `Origin` decides when it is sent: its host must be the site's, `PUBLIC_URL`'s or the one the
 *   request was sent to (Host, or the proxy's X-Forwarded-Host, which a page cannot set on another
 *   site's request without a CORS preflight we never allow). Both, because a proxy may pass its
 *   own Host (PUBLIC_URL then names the site), and the site may be reached by another name than
 *   PUBLIC_URL's (the tests, a server's own address). A page of another site always sends its own
 *   origin, never ours. `null` (a sandboxed frame, a redirect across sites, a `data:` page) never
 *   passes. The host is compared, not the scheme, as Next's own check of server actions does:
 *   behind a TLS proxy that does not say `X-Forwarded-Proto`, Next sees `http` while the browser
 *   is on `https`; another scheme on the same host and port is not something another site serves.
 * - Without `Origin`, `Sec-Fetch-Site` decides: only `same-origin` and `none` (typed in, a bookmark)
 *   pass.
 * - With neither, the request passes: browsers send `Origin` on every cross-origin fetch and form
 *   post with an unsafe method (and `Sec-Fetch-Site` besides), so such a request comes from curl or
 *   a script, whose cookie is its own (the usual choice of Auth.js and of OWASP's CSRF guidance).
 */
export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const host = hostOf(origin);
    return host !== null && [env.PUBLIC_URL, askedOrigin(request)].some((own) => own !== undefined && hostOf(own) === host);
  }
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  return true;
}

/** Throws CROSS_ORIGIN (403) unless `isSameOriginRequest`. For doors that act with the session cookie. */
export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request)) {
    throw new AppError("CROSS_ORIGIN", tr("errors.api.crossOrigin"));
  }
}

/** `scheme://host[:port]`'s host and port (default ports left out), or null when it is not an http(s) URL. */
function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
