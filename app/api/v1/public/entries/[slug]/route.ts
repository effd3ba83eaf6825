import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { readPublicEntry } from "@/lib/publishing/public-cache";

export const GET = apiRoute<{ slug: string }>(async ({ params }) => json(await readPublicEntry(params.slug)), {
  requireActor: false,
});
