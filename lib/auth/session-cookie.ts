import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import type { SessionClaims } from "./sessions";

/**
 * The claims of the session cookie Auth.js set at sign-in (lib/auth/next-auth.ts: `uid`, `sid`,
 * `sv`), read from a request's headers, or null when there is none or it does not decrypt, has
 * expired, or lacks them.
 *
 * This is what Auth.js's `auth()` reads for a page, without its round trip: `auth()` builds a
 * Request, runs Auth.js's whole session action on it (configuration checks, both callbacks) and
 * encrypts a renewed cookie that a page cannot even set — about half the CPU of a signed-in page.
 * The cookie is found and decrypted by Auth.js's own code (`getToken`: the same cookie name and
 * salt, chunked cookies, the expiry checked); whether the session still holds is the database's
 * to say (lib/auth/sessions.ts `findSignedIn`), as before.
 *
 * Only the cookie is handed on: `getToken` would otherwise take a Bearer header for a session
 * token, and the API's bearers are API tokens (lib/auth/api-tokens.ts), never sessions.
 */
export async function sessionClaimsFrom(headers: Headers, secret: string): Promise<SessionClaims | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie: usesSecureCookies(headers) });
  if (!token) return null;
  const { uid, sid, sv } = token;
  if (typeof uid !== "string" || typeof sid !== "string" || typeof sv !== "number") return null;
  return { userId: uid, sessionId: sid, sessionVersion: sv };
}

/**
 * Whether the session cookie is the `__Secure-` one, decided as Auth.js decides it for `auth()`:
 * always when the site's address is https (`useSecureCookies` in lib/auth/next-auth.ts), else by
 * AUTH_URL's protocol when one is set, else by the request's X-Forwarded-Proto (https when absent).
 */
export function usesSecureCookies(
  headers: Headers,
  site: { publicUrl?: string; authUrl?: string } = { publicUrl: env.PUBLIC_URL, authUrl: process.env.AUTH_URL ?? process.env.NEXTAUTH_URL },
): boolean {
  if (site.publicUrl?.startsWith("https://")) return true;
  const envUrl = site.authUrl;
  if (envUrl) return new URL(envUrl).protocol === "https:";
  return (headers.get("x-forwarded-proto") ?? "https").replace(/:$/, "") === "https";
}
