import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { listClaimFigures } from "@/lib/figures/list-claim-figures";
import { recordFigure } from "@/lib/figures/record-figure";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) =>
  json({ items: await listClaimFigures(db, actor, params.claimId) }),
);

export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await recordFigure(db, actor, params.claimId, (await readJson(request)) as never), 201),
);
