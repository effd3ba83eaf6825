import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { type Evidence, sources } from "@/db/schema";
import { disclosureOf, type ItemDisclosure } from "@/lib/publishing/disclosure";

/**
 * How a published entry would name this item now (lib/publishing/disclosure.ts, the rule the
 * snapshot applies): read for the item's page, so an editor sees it before anything goes out.
 */
export async function publicFingerprintOf(
  db: Db,
  item: Pick<Evidence, "publishedBySourceId" | "obtainedViaSourceId" | "hasPersonalData" | "disclosure" | "commitment">,
): Promise<ItemDisclosure> {
  const ids = [item.publishedBySourceId, item.obtainedViaSourceId].filter((id): id is string => !!id);
  const rows = ids.length ? await db.select({ id: sources.id, isProtected: sources.isProtected }).from(sources).where(inArray(sources.id, ids)) : [];
  // A source that is gone is taken for protected, as the snapshot takes it.
  const fromProtectedSource = ids.some((id) => rows.find((r) => r.id === id)?.isProtected ?? true);
  return disclosureOf({ chosen: item.disclosure, fromProtectedSource, hasPersonalData: item.hasPersonalData, commitment: item.commitment });
}
