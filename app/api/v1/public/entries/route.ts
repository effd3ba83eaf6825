import { apiRoute } from "@/lib/api/route";
import { json, queryOf } from "@/lib/api/respond";
import { listPublicEntries } from "@/lib/publishing/public-entries";

export const GET = apiRoute(async ({ request, db }) => json(await listPublicEntries(db, queryOf(request))), {
  requireActor: false,
});
