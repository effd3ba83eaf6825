import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { authSecret } from "@/lib/env";
import { getDb } from "@/lib/server/database";
import type { Actor } from "./permissions";
import { sessionClaimsFrom } from "./session-cookie";
import { endSession, findSignedIn, type SignedIn } from "./sessions";

/** What this request's session cookie says (lib/auth/session-cookie.ts), once per request. */
const requestSessionClaims = cache(async () => sessionClaimsFrom(await headers(), authSecret()));

/**
 * The signed-in person of this request with their language setting, re-read from the database once
 * per request (so a sign-out, a deactivated user or a changed role takes effect at once), or null.
 */
export const getSignedIn = cache(async (): Promise<SignedIn | null> => {
  const claims = await requestSessionClaims();
  return claims ? findSignedIn(await getDb(), claims) : null;
});

/**
 * The signed-in person of this request, or null (see getSignedIn). A session that still owes its
 * second factor, or whose person must enrol one first, opens nothing: null here too.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const signedIn = await getSignedIn();
  return signedIn?.stage === "full" ? signedIn.actor : null;
});

/**
 * Ends this request's session on the server, for the sign-out button. Auth.js's sign-out event
 * does the same but only logs a failure and clears the cookie regardless; done first here, a
 * database that cannot be reached leaves the person signed in and told so, rather than signed
 * out in this browser while a copied cookie lives on.
 */
export async function endCurrentSession(): Promise<void> {
  const claims = await requestSessionClaims();
  if (!claims) return;
  await endSession(await getDb(), claims, "signed_out");
}
