import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { buildCustodyReport } from "@/lib/evidence/custody-report";

export const GET = apiRoute<{ evidenceId: string }>(async ({ params, db, actor }) =>
  json(await buildCustodyReport(db, actor, params.evidenceId)),
);
