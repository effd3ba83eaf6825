import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { createNonce, pageContentSecurityPolicy } from "@/lib/security/content-security-policy";

/**
 * A fresh CSP nonce for each page rendered on request. Next reads it from the request's
 * Content-Security-Policy and puts it on its own script tags; the answer carries the same policy.
 *
 * It never sees uploads or any other API call: with a proxy in the path, Next clones each request
 * body for it, which cut upload throughput to a third. Nor cached entry pages (one HTML for every
 * reader cannot hold a per-request nonce), static files or prefetches. Those get their policy
 * from next.config.ts. Authorisation is not done here: pages and lib/ check it themselves.
 */
export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy({ nonce: createNonce(), isDev: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but /api/…, /_next/…, /entries/… and files with an extension (public/).
      source: "/((?!api/|_next/|entries/|.*\\.[A-Za-z0-9]+$).*)",
      // Prefetches and server-action posts answer with data, not a document to protect; skipping
      // them also leaves action bodies uncloned.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
