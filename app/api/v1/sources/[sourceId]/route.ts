import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { getSource } from "@/lib/sources/get-source";
import { updateSource } from "@/lib/sources/update-source";

export const GET = apiRoute<{ sourceId: string }>(async ({ params, db, actor }) => json(await getSource(db, actor, params.sourceId)));

export const PATCH = apiRoute<{ sourceId: string }>(async ({ request, params, db, actor }) =>
  json(await updateSource(db, actor, params.sourceId, (await readJson(request)) as never)),
);
