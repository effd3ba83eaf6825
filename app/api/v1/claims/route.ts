import { apiRoute } from "@/lib/api/route";
import { json, queryOf, readJson } from "@/lib/api/respond";
import { listClaims } from "@/lib/claims/list-claims";
import { submitClaim } from "@/lib/claims/submit-claim";

export const GET = apiRoute(async ({ request, db, actor }) => json(await listClaims(db, actor, queryOf(request))));

export const POST = apiRoute(async ({ request, db, actor }) =>
  json(await submitClaim(db, actor, (await readJson(request)) as never), 201),
);
