import { connection } from "next/server";
import { respondWithIncidents } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/** The published incidents in the address's language, a document read per request (lib/public-pages). */
export async function GET(request: Request, { params }: Params) {
  await connection();
  const { locale } = await params;
  return respondWithIncidents(request, locale);
}
