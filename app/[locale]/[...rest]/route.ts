import { respondWithMissingPage } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/**
 * Any address no other route has: the public 404 document, in the address's language, or in every
 * language when its first segment is none of ours (proxy.ts sends such addresses to one of two
 * segments, `/_no-such-address/_`, which lands here too).
 */
export async function GET(_request: Request, { params }: Params) {
  const { locale } = await params;
  return respondWithMissingPage(locale);
}
