import { apiRoute } from "@/lib/api/route";
import { json, queryOf } from "@/lib/api/respond";
import { getFigureSeries } from "@/lib/figures/figure-series";

export const GET = apiRoute(async ({ request, db, actor }) => json(await getFigureSeries(db, actor, queryOf(request) as never)));
