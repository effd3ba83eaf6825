import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { removeClaimPerson } from "@/lib/persons/remove-claim-person";
import { setClaimPersonVisibility } from "@/lib/persons/set-visibility";

export const PATCH = apiRoute<{ claimId: string; linkId: string }>(async ({ request, params, db, actor }) =>
  json(await setClaimPersonVisibility(db, actor, params.claimId, params.linkId, (await readJson(request)) as never)),
);

export const DELETE = apiRoute<{ claimId: string; linkId: string }>(async ({ params, db, actor }) => {
  await removeClaimPerson(db, actor, params.claimId, params.linkId);
  return new Response(null, { status: 204 });
});
