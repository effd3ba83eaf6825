import { connection } from "next/server";
import { respondWithMethodology } from "@/lib/public-pages/public-routes";

type Params = { params: Promise<{ locale: string }> };

/** How we work, in the address's language (lib/public-pages): its foot shows the audit chain's head, read at request time. */
export async function GET(_request: Request, { params }: Params) {
  await connection();
  const { locale } = await params;
  return respondWithMethodology(locale);
}
