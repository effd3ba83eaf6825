import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { mergePerson } from "@/lib/persons/merge-person";

export const POST = apiRoute<{ personId: string }>(async ({ request, params, db, actor }) =>
  json(await mergePerson(db, actor, params.personId, (await readJson(request)) as never)),
);
