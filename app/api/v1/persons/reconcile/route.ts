import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { RECONCILE_MAX_BYTES } from "@/lib/persons/schemas";
import { reconcile } from "@/lib/persons/reconcile";

export const POST = apiRoute(async ({ request, actor }) => json(await reconcile(actor, (await readJson(request, RECONCILE_MAX_BYTES)) as never)));
