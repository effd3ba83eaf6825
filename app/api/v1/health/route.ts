import { ping } from "@/db/connect";
import { apiRoute, resolveActor } from "@/lib/api/route";
import { json } from "@/lib/api/respond";

/**
 * Liveness with a database round trip; no authentication needed, reveals nothing. A request that
 * sends a token has it checked like any API call's (401 when it is not valid): the benchmark's
 * baseline of an authenticated request that does nothing else.
 */
export const GET = apiRoute(
  async ({ request, db }) => {
    if (request.headers.has("authorization")) await resolveActor(db, request);
    await ping(db);
    return json({ ok: true });
  },
  { requireActor: false },
);
