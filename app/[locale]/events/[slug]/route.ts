import { connection } from "next/server";
import { respondWithIncident } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string; slug: string }> };

/** One published incident's page in the address's language, from its newest published version. */
export async function GET(_request: Request, { params }: Params) {
  await connection();
  const { locale, slug } = await params;
  return respondWithIncident(locale, slug);
}
