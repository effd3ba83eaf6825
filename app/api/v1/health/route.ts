import { ping } from "@/db/connect";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";

/** Liveness with a database round trip; no authentication, reveals nothing. */
export const GET = apiRoute(
  async ({ db }) => {
    await ping(db);
    return json({ ok: true });
  },
  { requireActor: false },
);
