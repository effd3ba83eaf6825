import { respondWithEntryPage } from "@/lib/public-pages/respond";

type Params = { params: Promise<{ locale: string; slug: string }> };

/** An entry's newest version, as the page sealed at its publication (lib/public-pages). */
export async function GET(request: Request, { params }: Params) {
  const { locale, slug } = await params;
  return respondWithEntryPage(request, { locale, slug, version: null });
}
