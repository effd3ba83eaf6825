import type { NextRequest } from "next/server";
import { askedOrigin } from "@/lib/api/request-origin";
import { errorResponse } from "@/lib/api/respond";
import { checkSignInRateLimit } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { handlers } from "@/lib/auth/next-auth";
import { AppError } from "@/lib/errors/app-error";
import { signInContext } from "@/lib/server/doors";

/**
 * The request as Auth.js should see it: at the origin the client asked for, as the sign-in
 * action's URLs are built (Host, or the proxy's X-Forwarded-Host), not Next's `request.url`, whose
 * NextURL turns 127.0.0.1 into `localhost`. The organisation's sign-in sends the provider a
 * redirect URI built by the first and must send the same one with the code, or the provider
 * refuses the code; its answers also go back to that origin. A plain Request: a NextRequest would
 * rename the host again.
 */
function atAskedOrigin(request: NextRequest): NextRequest {
  const url = new URL(request.url);
  const asked = askedOrigin(request);
  if (asked === url.origin) return request;
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers, body: request.body, duplex: "half" };
  return new Request(`${asked}${url.pathname}${url.search}`, init) as NextRequest;
}

export function GET(request: NextRequest) {
  return handlers.GET(atAskedOrigin(request));
}

/** Sign-in posts over the rate limit get a 429 with Retry-After before Auth.js sees them. */
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    if (typeof email === "string" && email) {
      const { db } = await signInContext();
      const limit = await checkSignInRateLimit(db, email, clientAddress(request.headers));
      if (limit.limited) {
        return errorResponse(
          new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`, {
            retryAfterSeconds: limit.retryAfterSeconds,
          }),
        );
      }
    }
  }
  return handlers.POST(atAskedOrigin(request));
}
