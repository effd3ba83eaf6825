import { apiRoute } from "@/lib/api/route";
import { requestOrigin } from "@/lib/api/request-origin";
import { queryOf } from "@/lib/api/respond";
import { streamPublicEntriesCsv } from "@/lib/publishing/csv";

export const GET = apiRoute(
  async ({ request, db }) =>
    new Response(await streamPublicEntriesCsv(db, requestOrigin(request), queryOf(request)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": 'attachment; filename="corroborate-entries.csv"',
        "Cache-Control": "no-store",
      },
    }),
  { requireActor: false },
);
