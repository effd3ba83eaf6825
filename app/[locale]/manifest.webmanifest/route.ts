import { respondWithManifest } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/**
 * The web app manifest in the address's language (lib/public-pages). GET only: answered per
 * request (it is small), so another method is Next's 405 rather than a static file's 200.
 */
export async function GET(_request: Request, { params }: Params) {
  return respondWithManifest((await params).locale);
}
