import "server-only";
import { redirect } from "next/navigation";
import { getCurrentActor } from "./current-actor";
import type { Actor } from "./permissions";

/**
 * For workspace pages: the signed-in actor, or a redirect to sign in that brings the person back
 * to `returnTo` afterwards. (Done here rather than in proxy.ts: a proxy makes Next clone every
 * request body, which cut evidence upload throughput to a third.)
 */
export async function requirePageActor(returnTo?: string): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  return actor;
}
