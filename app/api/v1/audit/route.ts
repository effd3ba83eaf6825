import { apiRoute } from "@/lib/api/route";
import { json, queryOf } from "@/lib/api/respond";
import { listAuditEvents } from "@/lib/audit/list-events";

export const GET = apiRoute(async ({ request, db, actor }) => json(await listAuditEvents(db, actor, queryOf(request))));
