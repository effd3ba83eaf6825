import { connection } from "next/server";
import { respondWithCodebook } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/** What each field of an incident and of a victim's record means, in the address's language. */
export async function GET(_request: Request, { params }: Params) {
  await connection();
  const { locale } = await params;
  return respondWithCodebook(locale);
}
