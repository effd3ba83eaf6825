import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { addPersonName } from "@/lib/persons/add-person-name";

export const POST = apiRoute<{ personId: string }>(async ({ request, params, db, actor }) =>
  json(await addPersonName(db, actor, params.personId, (await readJson(request)) as never), 201),
);
