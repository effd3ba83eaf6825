import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listFigureScopes } from "@/lib/figures/figure-series";

export const GET = apiRoute(async ({ db, actor }) => json({ items: await listFigureScopes(db, actor) }));
