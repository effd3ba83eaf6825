import { connection } from "next/server";
import { respondWithHome } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/** The public home in the address's language: the entries and their filters, a document read per request (lib/public-pages). */
export async function GET(request: Request, { params }: Params) {
  // Read at request time: a build must never bake the database into this page.
  await connection();
  const { locale } = await params;
  return respondWithHome(request, locale);
}
