import { apiRoute } from "@/lib/api/route";
import { streamPublicExport } from "@/lib/publishing/export-zip";

export const GET = apiRoute(
  async ({ request, db }) =>
    new Response(streamPublicExport(db, new URL(request.url).origin), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": 'attachment; filename="corroborate-public-dataset.zip"',
        "Cache-Control": "no-store",
      },
    }),
  { requireActor: false },
);
