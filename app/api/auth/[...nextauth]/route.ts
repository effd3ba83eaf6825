import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/respond";
import { checkSignInRateLimit } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { handlers } from "@/lib/auth/next-auth";
import { AppError } from "@/lib/errors/app-error";
import { signInContext } from "@/lib/server/doors";

export const { GET } = handlers;

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
  return handlers.POST(request);
}
