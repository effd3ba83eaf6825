import "server-only";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { evidenceDerivatives } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";
import { findVisibleEvidence } from "./scope";
import { getBlobStore } from "./storage/get-blob-store";
import { tr } from "@/lib/i18n/translate";

/**
 * What a download of the original would send, without sending it (an HTTP HEAD): its hash, size
 * and name, for the same people. No byte leaves, so no custody event is recorded.
 */
export async function describeEvidenceContent(db: Db, actor: Actor | null, evidenceId: string) {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.read_content");
  if (!item.blobSha256) throw new AppError("NOT_FOUND", tr("errors.evidence.captureUnfinished"));
  return { item, sha256: item.blobSha256, size: item.size, mediaType: item.mediaType, originalFilename: item.originalFilename };
}

/**
 * The preserved original, for people allowed to see its claim. Every download is a custody
 * event, recorded before the first byte leaves.
 */
export async function openEvidenceContent(db: Db, actor: Actor | null, evidenceId: string, via: "web" | "api") {
  const file = await describeEvidenceContent(db, actor, evidenceId);
  assertCan(actor, "evidence.read_content"); // checked there too; said here for the type of `actor`
  const stream: Readable = await getBlobStore().openRead(file.sha256);
  await db.transaction((tx) =>
    appendAuditEvent(tx as unknown as Db, actor.id, {
      type: "evidence.downloaded",
      entity: { type: "evidence", id: file.item.id },
      data: { sha256: file.sha256, via },
    }),
  );
  return { stream, ...file };
}

/** A working copy (thumbnail, keyframe): our own JPEG, safe to show inline to the same people. */
export async function openDerivative(db: Db, actor: Actor | null, evidenceId: string, derivativeId: string) {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  if (!isUuid(derivativeId)) throw new AppError("NOT_FOUND", tr("errors.evidence.noSuchDerivative"));
  const [derivative] = await db
    .select({ sha256: evidenceDerivatives.blobSha256 })
    .from(evidenceDerivatives)
    .where(and(eq(evidenceDerivatives.id, derivativeId), eq(evidenceDerivatives.evidenceId, item.id)));
  if (!derivative) throw new AppError("NOT_FOUND", tr("errors.evidence.noSuchDerivative"));
  return { stream: await getBlobStore().openRead(derivative.sha256), sha256: derivative.sha256 };
}
