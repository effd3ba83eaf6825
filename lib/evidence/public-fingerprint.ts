import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { type Evidence, sources } from "@/db/schema";
import { disclosureOf, type ItemDisclosure } from "@/lib/publishing/disclosure";
import { sensitiveBytes } from "@/lib/publishing/sensitive-bytes";

/**
 * How a published entry would name this item now (lib/publishing/disclosure.ts, the rule the
 * snapshot applies): read for the item's page, so an editor sees it before anything goes out.
 */
export async function publicFingerprintOf(
  db: Db,
  item: Pick<Evidence, "publishedBySourceId" | "obtainedViaSourceId" | "hasPersonalData" | "disclosure" | "commitment" | "blobSha256">,
): Promise<ItemDisclosure> {
  const ids = [item.publishedBySourceId, item.obtainedViaSourceId].filter((id): id is string => !!id);
  const rows = ids.length ? await db.select({ id: sources.id, isProtected: sources.isProtected }).from(sources).where(inArray(sources.id, ids)) : [];
  // A source that is gone is taken for protected, as the snapshot takes it.
  const fromProtectedSource = ids.some((id) => rows.find((r) => r.id === id)?.isProtected ?? true);
  const sameBytesSensitive = !!item.blobSha256 && (await sensitiveBytes(db, [item.blobSha256])).has(item.blobSha256);
  return disclosureOf({ chosen: item.disclosure, fromProtectedSource, hasPersonalData: item.hasPersonalData, sameBytesSensitive, commitment: item.commitment });
}
