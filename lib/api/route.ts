import "server-only";
import { getDb } from "@/lib/server/database";
import type { Db } from "@/db/connect";
import { findActorByToken } from "@/lib/auth/api-tokens";
import { getCurrentActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { withAfterCommit } from "@/lib/server/after-commit";
import { DEFAULT_LOCALE, negotiateLocale } from "@/lib/i18n/locales";
import { inLocale, tr } from "@/lib/i18n/translate";
import { errorResponse } from "./respond";

type Context<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; params: P; db: Db; actor: Actor | null }) => Promise<Response>;

/**
 * The actor of an API request: a bearer token when one is sent (a wrong token is a 401, never a
 * fall-back to the cookie), else the browser session. A write with the session cookie must come
 * from our own pages (CROSS_ORIGIN otherwise): every API door, tus included, resolves its actor
 * here, so none can skip the check.
 */
export async function resolveActor(db: Db, request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await findActorByToken(db, match[1]) : null;
    if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.badToken"));
    return actor;
  }
  const actor = await getCurrentActor();
  if (actor) assertSameOrigin(request);
  return actor;
}

/** Runs `run` in the language of the request's Accept-Language: the API's messages are written in it. */
export function inRequestLocale<T>(request: Request, run: () => T): T {
  return inLocale(negotiateLocale(request.headers.get("accept-language")) ?? DEFAULT_LOCALE, run);
}

/**
 * Wraps a route handler: resolves the database and the actor, and maps every failure to the
 * design's error shape, its `message` in the language of the request's Accept-Language (codes and
 * field names stay English). Handlers stay thin: parse, call one lib/ function, answer.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, { requireActor = true } = {}) {
  return async (request: Request, context: Context<P>): Promise<Response> =>
    inRequestLocale(request, async () => {
    try {
      const db = await getDb();
      const actor = requireActor ? await resolveActor(db, request) : null;
      if (requireActor && !actor) throw new AppError("UNAUTHORIZED", tr("errors.sendToken"));
      const params = context?.params ? await context.params : ({} as P);
      return await withAfterCommit(() => handler({ request, params, db, actor }));
    } catch (error) {
      return errorResponse(error);
    }
    });
}
