import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/server/database";
import { auth } from "./next-auth";
import type { Actor } from "./permissions";
import { endSession, findSignedIn, type SignedIn } from "./sessions";

/**
 * The signed-in person of this request with their language setting, re-read from the database once
 * per request (so a sign-out, a deactivated user or a changed role takes effect at once), or null.
 */
export const getSignedIn = cache(async (): Promise<SignedIn | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const db = await getDb();
  const { id: userId, sessionId, sessionVersion } = session.user;
  return findSignedIn(db, { sessionId, userId, sessionVersion });
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
  const session = await auth();
  if (!session?.user?.id) return;
  await endSession(await getDb(), { sessionId: session.user.sessionId, userId: session.user.id }, "signed_out");
}
