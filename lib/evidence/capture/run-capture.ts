import "server-only";
import fsp from "node:fs/promises";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { blobs, evidence, type Job } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { isAppError } from "@/lib/errors/app-error";
import { boundMetadata } from "../bound-metadata";
import { getBlobStore, tempDir } from "../storage/get-blob-store";
import { fetchPage } from "./fetch-page";
import { extractPageText } from "./page-text";
import { writeWarc } from "./write-warc";

/** The page's readable text kept for search and reviewers: far more than one metadata value, bounded on its own. */
const PAGE_TEXT_CHARS = 20_000;

async function setCaptureState(tx: Db, evidenceId: string, state: "done" | "failed") {
  await tx
    .update(evidence)
    .set({ processing: sql`jsonb_set(${evidence.processing}, '{capture}', ${JSON.stringify(state)}::jsonb)` })
    .where(eq(evidence.id, evidenceId));
}

/** The capture job: fetch (guarded), preserve as WARC in the blob store, then fill in the item. */
export async function runCapture(db: Db, job: Job): Promise<void> {
  const [item] = await db
    .select({ id: evidence.id, url: evidence.sourceUrl, sha256: evidence.blobSha256 })
    .from(evidence)
    .where(eq(evidence.id, job.evidenceId!));
  if (!item?.url) throw new Error("No such capture");
  if (item.sha256) return; // captured already: the job is idempotent
  const page = await fetchPage(item.url);
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
    await tx
      .update(evidence)
      .set({
        blobSha256: warc.sha256,
        mediaType: "application/warc",
        size: warc.size,
        capturedAt: page.fetchedAt,
        metadata,
      })
      .where(eq(evidence.id, item.id));
    await setCaptureState(tx, item.id, "done");
    await appendAuditEvent(tx, null, {
      type: "evidence.captured",
      entity: { type: "evidence", id: item.id },
      data: { sha256: warc.sha256, size: warc.size, mediaType: "application/warc", status: page.status, finalUrl: page.finalUrl },
    });
  });
}

export async function markCaptureFailed(db: Db, job: Job, error: unknown) {
  await db.transaction(async (tx) => {
    await setCaptureState(tx, job.evidenceId!, "failed");
    await appendAuditEvent(tx, null, {
      type: "evidence.derived",
      entity: { type: "evidence", id: job.evidenceId! },
      data: {
        derivation: "capture",
        outcome: "failed",
        detail: { error: isAppError(error) || error instanceof Error ? error.message.slice(0, 500) : String(error) },
      },
    });
  });
}
