import { apiRoute } from "@/lib/api/route";
import { json, queryOf } from "@/lib/api/respond";
import { readPublicEntries } from "@/lib/publishing/public-cache";

export const GET = apiRoute(async ({ request }) => json(await readPublicEntries(queryOf(request))), {
  requireActor: false,
});
