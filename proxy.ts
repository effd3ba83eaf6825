import { type NextRequest, NextResponse } from "next/server";

/**
 * A convenience only: sends visitors without a session cookie to the sign-in page, keeping the
 * path they wanted. It proves nothing — every page and every lib/ function checks the actor itself.
 */
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has("authjs.session-token") || request.cookies.has("__Secure-authjs.session-token");
  if (hasSession) return NextResponse.next();
  const url = new URL("/login", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/claims/:path*", "/evidence/:path*", "/my-submissions", "/settings", "/admin/:path*"] };
