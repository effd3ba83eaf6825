import { apiRoute } from "@/lib/api/route";
import { requestOrigin } from "@/lib/api/request-origin";
import { streamPublicExport } from "@/lib/publishing/export-zip";

export const GET = apiRoute(
  async ({ request, db }) =>
    new Response(streamPublicExport(db, requestOrigin(request)), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": 'attachment; filename="corroborate-public-dataset.zip"',
        "Cache-Control": "no-store",
      },
    }),
  { requireActor: false },
);
