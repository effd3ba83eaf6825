import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { matchPersons } from "@/lib/persons/match-persons";

export const POST = apiRoute(async ({ request, db, actor }) => json(await matchPersons(db, actor, (await readJson(request)) as never)));
