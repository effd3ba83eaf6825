import { isLocale } from "@/lib/i18n/locales";
import { webManifest } from "@/lib/i18n/web-manifest";

type Params = { params: Promise<{ locale: string }> };

/**
 * The web app manifest in the address's language (lib/i18n/web-manifest.ts). GET only: answered
 * per request (it is small), so another method is Next's 405 rather than the static file's 200.
 */
export async function GET(_request: Request, { params }: Params) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(webManifest(locale)), {
    headers: { "content-type": "application/manifest+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
