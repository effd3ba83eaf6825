import { respondWithMissingPage } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/**
 * Any address no other route has: the public 404 document, in the address's language, or in every
 * language when its first segment is none of ours (proxy.ts answers most of those itself).
 */
export async function GET(_request: Request, { params }: Params) {
  const { locale } = await params;
  return respondWithMissingPage(locale);
}
