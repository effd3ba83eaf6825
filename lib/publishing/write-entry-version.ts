import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { type Claim, publishedEntries } from "@/db/schema";
import type { EntryChange } from "@/lib/vocabulary";
import { gatherPublicSnapshot } from "./gather-snapshot";
import { type PublicSnapshot, slugFor } from "./snapshot";

/**
 * Append a public version of a claim (publication, correction or retraction). Versions are never
 * changed afterwards; the slug chosen at first publication stays for good.
 */
export async function writeEntryVersion(
  tx: Db,
  claim: Claim,
  change: EntryChange,
  changeNote: string | null,
  snapshot?: PublicSnapshot,
): Promise<{ versionNumber: number; slug: string }> {
  const [latest] = await tx
    .select({ versionNumber: publishedEntries.versionNumber, slug: publishedEntries.slug })
    .from(publishedEntries)
    .where(eq(publishedEntries.claimId, claim.id))
    .orderBy(desc(publishedEntries.versionNumber))
    .limit(1);
  const versionNumber = (latest?.versionNumber ?? 0) + 1;
  const slug = latest?.slug ?? slugFor(claim);
  await tx.insert(publishedEntries).values({
    claimId: claim.id,
    slug,
    versionNumber,
    change,
    changeNote,
    snapshot: snapshot ?? (await gatherPublicSnapshot(tx, claim)),
  });
  return { versionNumber, slug };
}

/** What the public reads of a claim now: its newest version's snapshot (null before publication). */
export async function latestSnapshot(tx: Db, claimId: string): Promise<PublicSnapshot | null> {
  const [latest] = await tx
    .select({ snapshot: publishedEntries.snapshot })
    .from(publishedEntries)
    .where(eq(publishedEntries.claimId, claimId))
    .orderBy(desc(publishedEntries.versionNumber))
    .limit(1);
  return latest ? (latest.snapshot as PublicSnapshot) : null;
}
