import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findActorBySession } from "./api-tokens";
import { auth } from "./next-auth";
import type { Actor } from "./permissions";

/**
 * The signed-in person of this request, re-read from the database (so a deactivated user or a
 * changed role takes effect at once), or null.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const db = await getDb();
  return findActorBySession(db, { userId: session.user.id, sessionVersion: session.user.sessionVersion });
});
