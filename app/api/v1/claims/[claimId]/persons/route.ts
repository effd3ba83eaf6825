import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { listClaimPersons } from "@/lib/persons/list-claim-persons";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) => json({ items: await listClaimPersons(db, actor, params.claimId) }));

export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await addClaimPerson(db, actor, params.claimId, (await readJson(request)) as never), 201),
);
