import "server-only";
import fsp from "node:fs/promises";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { blobs, evidence, type Job } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { isAppError } from "@/lib/errors/app-error";
import { PermanentJobFailure } from "@/lib/jobs/permanent-failure";
import { boundMetadata } from "../bound-metadata";
import { getBlobStore, tempDir } from "../storage/get-blob-store";
import { captureFailureReason, isPermanentCaptureError } from "./failure-reason";
import { CAPTURE_MAX_BYTES, fetchPage } from "./fetch-page";
import { extractPageText } from "./page-text";
import { writeWarc } from "./write-warc";

/** The page's readable text kept for search and reviewers: far more than one metadata value, bounded on its own. */
const PAGE_TEXT_CHARS = 20_000;

/** The `processing.capture` field set to a state, as an expression for an UPDATE's SET. */
export function captureStateSet(state: "pending" | "done" | "failed" | "skipped") {
  return sql`jsonb_set(${evidence.processing}, '{capture}', ${JSON.stringify(state)}::jsonb)`;
}

export async function setCaptureState(tx: Db, evidenceId: string, state: "done" | "failed" | "skipped") {
  await tx
    .update(evidence)
    .set({ processing: captureStateSet(state) })
    .where(eq(evidence.id, evidenceId));
}

/** The capture job: fetch (guarded), preserve as WARC in the blob store, then fill in the item. */
export async function runCapture(db: Db, job: Job): Promise<void> {
  const [item] = await db
    .select({ id: evidence.id, url: evidence.sourceUrl, sha256: evidence.blobSha256, withdrawnAt: evidence.withdrawnAt })
    .from(evidence)
    .where(eq(evidence.id, job.evidenceId!));
  if (!item?.url) throw new Error("No such capture");
  if (item.sha256) return; // captured already: the job is idempotent
  if (item.withdrawnAt) return; // withdrawn while queued: nothing to fetch for it (lib/evidence/withdraw-evidence.ts)
  const page = await fetchPage(item.url, { maxBytes: CAPTURE_MAX_BYTES }).catch((error: unknown) => {
    // An inward address or too big a page stays so: give up at once rather than ask three times.
    throw isPermanentCaptureError(error) ? new PermanentJobFailure(error instanceof Error ? error.message : String(error), { cause: error }) : error;
  });
  const warc = await writeWarc(page, tempDir());
  try {
    await getBlobStore().commit(warc.tempPath, warc.sha256, "application/warc");
  } catch (error) {
    await fsp.rm(warc.tempPath, { force: true });
    throw error;
  }
  const contentType = page.responseHeaders.find(([k]) => k === "content-type")?.[1] ?? null;
  const isHtml = !contentType || /html/i.test(contentType);
  const { title, text } = isHtml ? await extractPageText(page.body.toString("utf8"), PAGE_TEXT_CHARS) : { title: null, text: "" };
  const { metadata } = boundMetadata(
    { title, text, status: page.status, finalUrl: page.finalUrl, contentType, bodyBytes: page.body.length },
    { longText: { text: PAGE_TEXT_CHARS } },
  );
  await db.transaction(async (tx) => {
    await tx.insert(blobs).values({ sha256: warc.sha256, size: warc.size, mediaType: "application/warc" }).onConflictDoNothing();
    const [stored] = await tx
      .update(evidence)
      .set({
        blobSha256: warc.sha256,
        commitmentKey: warc.commitmentKey,
        commitment: warc.commitment,
        mediaType: "application/warc",
        size: warc.size,
        capturedAt: page.fetchedAt,
        metadata,
        captureError: null,
      })
      // Withdrawn while the page was fetched: it stays withdrawn and says "skipped"; the bytes name no item.
      .where(and(eq(evidence.id, item.id), isNull(evidence.withdrawnAt)))
      .returning({ id: evidence.id });
    if (!stored) return;
    await setCaptureState(tx, item.id, "done");
    await appendAuditEvent(tx, null, {
      type: "evidence.captured",
      entity: { type: "evidence", id: item.id },
      data: { sha256: warc.sha256, size: warc.size, mediaType: "application/warc", status: page.status, finalUrl: page.finalUrl },
    });
  });
}

/**
 * The capture failed for good (its last attempt, or a refusal trying again cannot mend): the item
 * says why in words a person can read (`captureError`), and the custody trail keeps the raw error
 * too. It holds no bytes, so it counts for nothing until a retry succeeds (./retry-capture.ts).
 */
export async function markCaptureFailed(db: Db, job: Job, error: unknown) {
  const reason = captureFailureReason(error, { maxBytes: CAPTURE_MAX_BYTES });
  const raw = error instanceof PermanentJobFailure && error.cause ? error.cause : error;
  await db.transaction(async (tx) => {
    await setCaptureState(tx, job.evidenceId!, "failed");
    await tx.update(evidence).set({ captureError: reason }).where(eq(evidence.id, job.evidenceId!));
    await appendAuditEvent(tx, null, {
      type: "evidence.capture_failed",
      entity: { type: "evidence", id: job.evidenceId! },
      data: {
        reason,
        attempts: job.attempts,
        error: (isAppError(raw) || raw instanceof Error ? raw.message : String(raw)).slice(0, 500),
      },
    });
  });
}
