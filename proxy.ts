import { type NextRequest, NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/respond";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { createNonce, pageContentSecurityPolicy } from "@/lib/security/content-security-policy";
import { assertSameOrigin } from "@/lib/security/same-origin";

/**
 * Three jobs.
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
 * Pages rendered on request get a fresh CSP nonce: Next reads it from the request's
 * Content-Security-Policy and puts it on its own script tags; the answer carries the same policy.
 *
 * It never sees uploads or any other API call (bar the malformed-escape check above): with a proxy in the path, Next clones each request
 * body for it, which cut upload throughput to a third (action bodies are small forms). Nor cached
 * entry pages (one HTML for every reader cannot hold a per-request nonce), static files or
 * prefetches. Those get their policy from next.config.ts. Authorisation is not done here: pages
 * and lib/ check it themselves.
 */
export function proxy(request: NextRequest) {
  const malformed = hasMalformedEscape(request.nextUrl.pathname);
  if (request.nextUrl.pathname.startsWith("/api/")) {
    // The API checks its own callers (a token, or the cookie and the Origin: lib/api/route.ts).
    if (malformed) return errorResponse(new AppError("BAD_REQUEST", "The address has a malformed %-escape."));
    return NextResponse.next();
  }
  try {
    assertSameOrigin(request);
  } catch (refusal) {
    return errorResponse(refusal);
  }
  if (request.headers.has("next-action")) {
    // No page has such an address, so no action is posted from one.
    if (malformed) return errorResponse(new AppError("NOT_FOUND", "No such page."));
    return NextResponse.next();
  }
  const policy = pageContentSecurityPolicy({ nonce: createNonce(), isDev: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = malformed
    ? NextResponse.rewrite(new URL("/_no-such-address", request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
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
      // Everything but /api/…, /_next/…, /entries/… and files with an extension (public/).
      source: "/((?!api/|_next/|entries/|.*\\.[A-Za-z0-9]+$).*)",
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
