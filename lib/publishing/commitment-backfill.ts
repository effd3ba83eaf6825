import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { claims, evidence, type Job, publishedEntries } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { reportCommitted } from "@/lib/effects/committed";
import { countsForClaim } from "@/lib/evidence/counted";
import { fingerprintStream } from "@/lib/evidence/fingerprint";
import { getBlobStore } from "@/lib/evidence/storage/get-blob-store";
import type { JobHandler } from "@/lib/jobs/worker";
import { sealEntryPages } from "@/lib/public-pages/seal-entry-pages";
import { readDisclosures } from "./read-disclosures";
import { fingerprintHash, type PublicEvidenceFingerprint, type PublicSnapshot } from "./snapshot";
import { writeEntryVersion } from "./write-entry-version";

/** The job kind migration 0023 queues for every item stored before commitments existed. */
export const COMMITMENT_JOB_KIND = "commitment";

/**
 * The change note of the versions the back-fill publishes, in both of the site's languages: the
 * same words on every entry it corrects, which the dataset's README quotes.
 */
export const RECOMMIT_NOTE =
  "Fingerprints of material from protected sources replaced by commitments. · استُبدلت بصمات المواد الواردة من مصادر محمية بالتزامات.";

/**
 * The back-fill of one item stored before commitments (issue 23): its bytes are read once from
 * the store to make its key and commitment (checked against its SHA-256 on the way), then its
 * claim's public entry is corrected if it still names by hash an item the rule now names otherwise.
 */
export async function runCommitmentJob(db: Db, job: Job): Promise<void> {
  const [item] = await db
    .select({ id: evidence.id, claimId: evidence.claimId, sha256: evidence.blobSha256, commitment: evidence.commitment })
    .from(evidence)
    .where(eq(evidence.id, job.evidenceId!));
  if (!item?.sha256) return;
  if (!item.commitment) {
    const print = await fingerprintStream(await getBlobStore().openRead(item.sha256));
    if (print.sha256 !== item.sha256) throw new Error(`The stored bytes of item ${item.id} hash to ${print.sha256}, not ${item.sha256}`);
    await db
      .update(evidence)
      .set({ commitmentKey: print.commitmentKey, commitment: print.commitment })
      .where(and(eq(evidence.id, item.id), isNull(evidence.commitment)));
  }
  await recommitEntry(db, item.claimId);
}

/**
 * A back-fill given up (its bytes unreadable after every try) leaves the item without a
 * commitment: the rule then withholds it rather than name it by hash, and the job's error stays
 * on the job for an admin.
 */
export const commitmentJobHandlers: Record<string, JobHandler> = { [COMMITMENT_JOB_KIND]: { run: runCommitmentJob, onGiveUp: async () => {} } };

/**
 * Correct a claim's public entry whose newest version names by SHA-256 an item that the rule
 * (./disclosure.ts) now names by its commitment, or withholds: a new version, the newest one with
 * only those fingerprints changed — nothing else of the claim that changed since (a name made
 * publishable, a figure) goes out on no editor's word — and `RECOMMIT_NOTE`, published and
 * sealed like any version (a retracted entry stays retracted). Waits (does nothing) while an item
 * it would change has no commitment yet: that item's own job comes back to it. Returns the new
 * version's number, or null when there was nothing to change.
 */
export async function recommitEntry(db: Db, claimId: string): Promise<number | null> {
  const slug = await db.transaction(async (tx) => {
    // One at a time per claim: two items' jobs finishing together correct the entry once.
    const [claim] = await tx.select().from(claims).where(eq(claims.id, claimId)).for("update");
    const [latest] = await tx
      .select({ versionNumber: publishedEntries.versionNumber, change: publishedEntries.change, snapshot: publishedEntries.snapshot })
      .from(publishedEntries)
      .where(eq(publishedEntries.claimId, claimId))
      .orderBy(desc(publishedEntries.versionNumber))
      .limit(1);
    const snapshot = latest?.snapshot as PublicSnapshot | undefined;
    const hashes = snapshot?.evidence?.hashes ?? [];
    const exposed = [...new Set(hashes.map(fingerprintHash).filter((sha): sha is string => !!sha))];
    if (!claim || !latest || !snapshot?.evidence || exposed.length === 0) return null;
    const items = await tx
      .select({
        sha256: evidence.blobSha256,
        commitment: evidence.commitment,
        disclosure: evidence.disclosure,
        hasPersonalData: evidence.hasPersonalData,
        publishedBySourceId: evidence.publishedBySourceId,
        obtainedViaSourceId: evidence.obtainedViaSourceId,
      })
      .from(evidence)
      .where(and(eq(evidence.claimId, claimId), inArray(evidence.blobSha256, exposed), countsForClaim))
      .orderBy(asc(evidence.addedAt), asc(evidence.id));
    const ruled = await readDisclosures(tx, items);
    // Each listed hash pairs with the claim's items of those bytes, in the snapshot's order.
    const queue = new Map<string, ((typeof items)[number] & (typeof ruled)[number])[]>();
    items.forEach((item, k) => queue.set(item.sha256!, [...(queue.get(item.sha256!) ?? []), { ...item, ...ruled[k] }]));
    let withheld = snapshot.evidence.withheld ?? 0;
    let changed = false;
    const next: PublicEvidenceFingerprint[] = [];
    for (const h of hashes) {
      const item = "sha256" in h ? queue.get(h.sha256)?.shift() : undefined;
      if (!item) {
        next.push(h);
        continue;
      }
      if (item.basis === "not_ready") return null;
      if (item.disclosure === "hash") {
        next.push(h);
        continue;
      }
      changed = true;
      if (item.disclosure === "commitment") next.push({ commitment: item.commitment!, kind: h.kind });
      else withheld++;
    }
    if (!changed) return null;
    const corrected: PublicSnapshot = { ...snapshot, evidence: { ...snapshot.evidence, hashes: next, ...(withheld ? { withheld } : {}) } };
    const change = latest.change === "retraction" ? "retraction" : "correction";
    const { versionNumber, slug } = await writeEntryVersion(tx, claim, change, RECOMMIT_NOTE, corrected);
    await appendAuditEvent(tx, null, {
      type: "claim.transitioned",
      entity: { type: "claim", id: claim.id },
      data: { action: change === "retraction" ? "retract" : "publish_correction", from: claim.state, to: claim.state, version: claim.version, reason: RECOMMIT_NOTE, entryVersion: versionNumber, changes: {} },
    });
    await sealEntryPages(tx, null, claim.id, versionNumber);
    return { slug, versionNumber };
  });
  if (!slug) return null;
  reportCommitted({ type: "public_entry.changed", slug: slug.slug });
  return slug.versionNumber;
}
