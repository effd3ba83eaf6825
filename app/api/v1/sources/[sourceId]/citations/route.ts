import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { addCitation } from "@/lib/sources/add-citation";

export const POST = apiRoute<{ sourceId: string }>(async ({ request, params, db, actor }) =>
  json(await addCitation(db, actor, params.sourceId, (await readJson(request)) as never), 201),
);
