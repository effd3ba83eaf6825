import { respondWithEntryPage } from "@/lib/public-pages/respond";

type Params = { params: Promise<{ locale: string; slug: string; version: string }> };

/** One version of an entry, as the page sealed at its publication: the same bytes for good. */
export async function GET(request: Request, { params }: Params) {
  const { locale, slug, version } = await params;
  return respondWithEntryPage(request, { locale, slug, version });
}
