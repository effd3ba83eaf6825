import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { splitPerson } from "@/lib/persons/split-person";

export const POST = apiRoute<{ personId: string }>(async ({ params, db, actor }) => json(await splitPerson(db, actor, params.personId)));
