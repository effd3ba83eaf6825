import "server-only";
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { evidence, sources } from "@/db/schema";
import type { Disclosure } from "@/lib/vocabulary";
import { disclosureOf, type ItemDisclosure } from "./disclosure";

const publisher = alias(sources, "publisher");
const relay = alias(sources, "relay");

/**
 * Of these SHA-256s, the ones some item holds — in any claim, withdrawn or not — that a protected
 * source published or relayed (or a source no longer known), that shows personal data, or that an
 * editor chose to name by commitment or withhold. Publishing such bytes' hash for another item
 * (the same video sent by a witness and found on an open channel) would tell whoever holds the
 * file that we hold it as surely as the protected item's own hash (an outside probe showed it), so
 * the rule names every item of those bytes by its commitment (./disclosure.ts).
 */
export async function sensitiveBytes(db: Db, sha256s: string[]): Promise<Set<string>> {
  const wanted = [...new Set(sha256s)];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ sha256: evidence.blobSha256 })
    .from(evidence)
    .leftJoin(publisher, eq(publisher.id, evidence.publishedBySourceId))
    .leftJoin(relay, eq(relay.id, evidence.obtainedViaSourceId))
    .where(
      and(
        inArray(evidence.blobSha256, wanted),
        or(
          eq(evidence.hasPersonalData, true),
          eq(publisher.isProtected, true),
          eq(relay.isProtected, true),
          and(isNotNull(evidence.publishedBySourceId), isNull(publisher.id)),
          and(isNotNull(evidence.obtainedViaSourceId), isNull(relay.id)),
          inArray(evidence.disclosure, ["commitment", "withheld"]),
        ),
      ),
    );
  return new Set(rows.map((r) => r.sha256!));
}

/** What the rule reads of an item's own row. */
export type DisclosureRow = {
  sha256: string | null;
  commitment: string | null;
  disclosure: Disclosure | null;
  hasPersonalData: boolean;
  publishedBySourceId: string | null;
  obtainedViaSourceId: string | null;
};

/**
 * How the rule (./disclosure.ts) names each of these items now, reading what it needs beyond their
 * rows — their sources' protection (a source that is gone is taken for protected, as the snapshot
 * takes it) and the other items of their bytes — in two queries whatever their number. For the
 * item's page and the back-fill; a snapshot applies the same rule to what `gatherSnapshotInputs` read.
 */
export async function readDisclosures(db: Db, items: DisclosureRow[]): Promise<ItemDisclosure[]> {
  const sourceIds = [...new Set(items.flatMap((i) => [i.publishedBySourceId, i.obtainedViaSourceId]).filter((id): id is string => !!id))];
  const [rows, sensitive] = await Promise.all([
    sourceIds.length ? db.select({ id: sources.id, isProtected: sources.isProtected }).from(sources).where(inArray(sources.id, sourceIds)) : [],
    sensitiveBytes(db, items.flatMap((i) => (i.sha256 ? [i.sha256] : []))),
  ]);
  const protection = new Map(rows.map((s) => [s.id, s.isProtected]));
  const isProtected = (id: string | null) => !!id && (protection.get(id) ?? true);
  return items.map((i) =>
    disclosureOf({
      chosen: i.disclosure,
      fromProtectedSource: isProtected(i.publishedBySourceId) || isProtected(i.obtainedViaSourceId),
      hasPersonalData: i.hasPersonalData,
      sameBytesSensitive: !!i.sha256 && sensitive.has(i.sha256),
      commitment: i.commitment,
    }),
  );
}
