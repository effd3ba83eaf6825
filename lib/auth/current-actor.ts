import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auth } from "./next-auth";
import type { Actor } from "./permissions";
import { findActorBySession } from "./sessions";

/**
 * The signed-in person of this request, re-read from the database (so a sign-out, a deactivated
 * user or a changed role takes effect at once), or null.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const db = await getDb();
  const { id: userId, sessionId, sessionVersion } = session.user;
  return findActorBySession(db, { sessionId, userId, sessionVersion });
});
