import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { publishedEntries } from "@/db/schema";

export async function findPublicSlug(db: Db, claimId: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: publishedEntries.slug })
    .from(publishedEntries)
    .where(eq(publishedEntries.claimId, claimId))
    .limit(1);
  return row?.slug ?? null;
}
