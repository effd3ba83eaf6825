import "server-only";
import { redirect } from "next/navigation";
import { getCurrentActor } from "./current-actor";
import type { Actor } from "./permissions";

/** For workspace pages: the signed-in actor, or a redirect to sign in. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login");
  return actor;
}
