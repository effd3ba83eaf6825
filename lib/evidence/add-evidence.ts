import "server-only";
import fsp from "node:fs/promises";
import type { Readable } from "node:stream";
import type { z } from "zod";
import type { Db } from "@/db/connect";
import { blobs, evidence } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { findVisibleClaim } from "@/lib/claims/scope";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { enqueueJob } from "@/lib/jobs/queue";
import { derivationsFor } from "./derivations";
import { cleanOriginalFilename } from "./filename";
import { getEvidence } from "./get-evidence";
import { type Received, receiveToTemp } from "./receive";
import { parseInput } from "@/lib/validation/parse";
import { assertSourceExists } from "@/lib/sources/create-source";
import { type TEvidenceProvenance, ZEvidenceProvenance } from "./schemas";
import { type MediaCategory, sniffMediaType } from "./sniff";
import { getBlobStore, tempDir } from "./storage/get-blob-store";
import { assertClaimOpen } from "@/lib/workflow/open-states";
import { tr } from "@/lib/i18n/translate";

/** Who may attach evidence to this claim, checked before a single byte is read. */
export async function assertCanAddEvidence(db: Db, actor: Actor | null, claimId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  const claim = await findVisibleClaim(db, actor, claimId);
  assertCan(actor, "evidence.add");
  assertClaimOpen(claim.state, "evidenceAdded");
  return claim;
}

/**
 * What an item says of where it came from, parsed, its sources there: checked before any byte is
 * taken (a resumable upload's at its creation, not after the whole file has arrived).
 */
export async function assertProvenanceHolds(db: Db, provenance: TEvidenceProvenance) {
  const origin = parseInput(ZEvidenceProvenance, provenance);
  await assertSourceExists(db, origin.publishedBySourceId, "publishedBySourceId");
  await assertSourceExists(db, origin.obtainedViaSourceId, "obtainedViaSourceId");
  return origin;
}

/**
 * Preserve one file: stream it to a temp file while hashing (never whole in memory), sniff its
 * type from the bytes (415 outside the allowlist), move it into the content-addressed store, and
 * only then — in one transaction — insert the row, its audit event and its derivation jobs. A
 * crash before the commit leaves only a temp file (swept at start); after it, at worst a blob no
 * row names, which nobody can see.
 */
export async function addEvidenceFromStream(
  db: Db,
  actor: Actor | null,
  claimId: string,
  {
    stream,
    filename,
    intake,
    maxBytes = env.EVIDENCE_MAX_BYTES,
    provenance = {},
    beforeCommit,
  }: {
    stream: Readable;
    filename?: string | null;
    intake: "upload" | "resumable";
    maxBytes?: number;
    provenance?: TEvidenceProvenance;
    /** Awaited once the bytes are received, before anything is stored (the rest of a multipart body). */
    beforeCommit?: () => Promise<void>;
  },
) {
  const claim = await assertCanAddEvidence(db, actor, claimId);
  const origin = await assertProvenanceHolds(db, provenance);
  const received = await receiveToTemp(stream, { dir: tempDir(), maxBytes });
  const originalFilename = cleanOriginalFilename(filename);
  // Empty first: no bytes have no kind either, and "not accepted" would not say what is wrong.
  if (received.size === 0) {
    await fsp.rm(received.tempPath, { force: true });
    throw new AppError("BAD_REQUEST", tr("errors.evidence.emptyFile"), { fieldErrors: { file: [tr("errors.evidence.emptyFile")] } });
  }
  const sniffed = await sniffMediaType(received.head, originalFilename);
  if (!sniffed) {
    await fsp.rm(received.tempPath, { force: true });
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      tr("errors.evidence.kindNotAccepted"),
    );
  }
  try {
    await beforeCommit?.();
  } catch (error) {
    await fsp.rm(received.tempPath, { force: true });
    throw error;
  }
  const id = await recordReceivedEvidence(db, actor!, claim.id, { received, mediaType: sniffed.mediaType, category: sniffed.category, originalFilename, intake, origin });
  return getEvidence(db, actor, id);
}

/** How an item came in, beyond its bytes: a frame grab names the video and the moment it was taken from. */
export type ReceivedEvidence = {
  received: Received;
  mediaType: string;
  category: MediaCategory;
  originalFilename: string | null;
  intake: "upload" | "resumable" | "frame";
  origin?: z.output<typeof ZEvidenceProvenance>;
  /** Marks the item carries from the start (a frame of a video marked graphic is graphic too); not a review. */
  sensitivity?: { isGraphic: boolean; hasPersonalData: boolean };
  derivedFrom?: { evidenceId: string; sha256: string; atMs: number };
  /** More writes of the same transaction, after the row and its `evidence.added` (a frame grab's event on its video). */
  alsoInTransaction?: (tx: Db, evidenceId: string) => Promise<void>;
};

/**
 * The intake's last steps, shared by every way bytes arrive once they are received and sniffed
 * (an upload, a resumable upload, a frame saved from a video): the bytes move into the
 * content-addressed store first, then one transaction inserts the row, its `evidence.added` event
 * and its derivation jobs (and whatever `alsoInTransaction` writes). Returns the new item's id.
 */
export async function recordReceivedEvidence(db: Db, actor: Actor, claimId: string, item: ReceivedEvidence): Promise<string> {
  const { received, mediaType, originalFilename, intake, origin = {}, sensitivity, derivedFrom } = item;
  await getBlobStore().commit(received.tempPath, received.sha256, mediaType);
  const processing = Object.fromEntries(derivationsFor(item.category).map((d) => [d, "pending"]));
  return db.transaction(async (tx) => {
    await tx.insert(blobs).values({ sha256: received.sha256, size: received.size, mediaType }).onConflictDoNothing();
    const [row] = await tx
      .insert(evidence)
      .values({
        claimId,
        blobSha256: received.sha256,
        commitmentKey: received.commitmentKey,
        commitment: received.commitment,
        intake,
        originalFilename,
        mediaType,
        size: received.size,
        addedById: actor.id,
        processing,
        publishedBySourceId: origin.publishedBySourceId ?? null,
        obtainedViaSourceId: origin.obtainedViaSourceId ?? null,
        isFirstHand: origin.isFirstHand ?? false,
        isGraphic: sensitivity?.isGraphic ?? false,
        hasPersonalData: sensitivity?.hasPersonalData ?? false,
        derivedFromId: derivedFrom?.evidenceId ?? null,
        derivedAtMs: derivedFrom?.atMs ?? null,
      })
      .returning({ id: evidence.id });
    await appendAuditEvent(tx, actor.id, {
      type: "evidence.added",
      entity: { type: "evidence", id: row.id },
      data: {
        claimId,
        intake,
        sha256: received.sha256,
        size: received.size,
        mediaType,
        originalFilename,
        sourceUrl: null,
        publishedBySourceId: origin.publishedBySourceId ?? null,
        obtainedViaSourceId: origin.obtainedViaSourceId ?? null,
        isFirstHand: origin.isFirstHand ?? false,
        ...(derivedFrom ? { derivedFrom } : {}),
      },
    });
    for (const kind of Object.keys(processing)) await enqueueJob(tx, { kind, evidenceId: row.id });
    await item.alsoInTransaction?.(tx, row.id);
    return row.id;
  });
}
