import { apiRoute } from "@/lib/api/route";
import { renderPublicFeed } from "@/lib/publishing/feed";

export const GET = apiRoute(
  async ({ request, db }) =>
    new Response(await renderPublicFeed(db, new URL(request.url).origin), {
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-store" },
    }),
  { requireActor: false },
);
