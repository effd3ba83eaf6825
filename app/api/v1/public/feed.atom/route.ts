import { apiRoute } from "@/lib/api/route";
import { requestOrigin } from "@/lib/api/request-origin";
import { renderPublicFeed } from "@/lib/publishing/feed";

export const GET = apiRoute(
  async ({ request, db }) =>
    new Response(await renderPublicFeed(db, requestOrigin(request)), {
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-store" },
    }),
  { requireActor: false },
);
