import { apiRoute } from "@/lib/api/route";
import { json, queryOf, readJson } from "@/lib/api/respond";
import { createSource } from "@/lib/sources/create-source";
import { listSources } from "@/lib/sources/list-sources";

export const GET = apiRoute(async ({ request, db, actor }) => json(await listSources(db, actor, queryOf(request))));

export const POST = apiRoute(async ({ request, db, actor }) =>
  json(await createSource(db, actor, (await readJson(request)) as never), 201),
);
