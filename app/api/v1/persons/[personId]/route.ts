import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";

export const GET = apiRoute<{ personId: string }>(async ({ params, db, actor }) => json(await getPerson(db, actor, params.personId)));

export const PATCH = apiRoute<{ personId: string }>(async ({ request, params, db, actor }) =>
  json(await updatePerson(db, actor, params.personId, (await readJson(request)) as never)),
);
