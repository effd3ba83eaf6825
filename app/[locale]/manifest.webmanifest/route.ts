import { isLocale, LOCALES } from "@/lib/i18n/locales";
import { webManifest } from "@/lib/i18n/web-manifest";

type Params = { params: Promise<{ locale: string }> };

/** Made at build time, one per language. */
export const dynamic = "force-static";
export const dynamicParams = false;
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

/** The web app manifest in the address's language (lib/i18n/web-manifest.ts). */
export async function GET(_request: Request, { params }: Params) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(webManifest(locale)), {
    headers: { "content-type": "application/manifest+json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
