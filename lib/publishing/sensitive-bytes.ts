import "server-only";
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { evidence, sources } from "@/db/schema";

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
