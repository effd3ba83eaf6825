import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getPublicEntry } from "@/lib/publishing/public-entries";

export const GET = apiRoute<{ slug: string }>(async ({ params, db }) => json(await getPublicEntry(db, params.slug)), {
  requireActor: false,
});
