import "server-only";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { blobs, evidenceDerivatives } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { type RangeAnswer, type RangeRequest, requestedRange, strongEtag } from "@/lib/http/ranges";
import { isUuid } from "@/lib/validation/uuid";
import { recordView } from "./record-view";
import { findVisibleEvidence } from "./scope";
import { getBlobStore } from "./storage/get-blob-store";
import { isWorkingCopyKind } from "./working-copies";
import { tr } from "@/lib/i18n/translate";

/** Stored bytes about to be served: the whole (200), one range (206), or none (416: no stream). */
type Opened = { answer: RangeAnswer; stream: Readable | null };

function answerFor(request: RangeRequest | undefined, file: { sha256: string; size: number | null; lastModified: Date | null }): RangeAnswer {
  if (!request || file.size === null) return { kind: "whole" };
  return requestedRange(request, { size: file.size, etag: strongEtag(file.sha256), lastModified: file.lastModified });
}

async function openAnswer(sha256: string, answer: RangeAnswer): Promise<Readable | null> {
  if (answer.kind === "unsatisfiable") return null;
  return getBlobStore().openRead(sha256, answer.kind === "partial" ? answer.range : undefined);
}

/** Custody first: when the record cannot be written, the opened bytes are closed and nothing is sent. */
async function recorded(opened: Opened, record: () => Promise<void>) {
  try {
    await record();
  } catch (error) {
    opened.stream?.destroy();
    throw error;
  }
}

/**
 * What a download of the original would send, without sending it (an HTTP HEAD): its hash, size
 * and name, for the same people. No byte leaves, so no custody event is recorded.
 */
export async function describeEvidenceContent(db: Db, actor: Actor | null, evidenceId: string) {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.read_content");
  if (!item.blobSha256) throw new AppError("NOT_FOUND", tr("errors.evidence.captureUnfinished"));
  return {
    item,
    sha256: item.blobSha256,
    size: item.size,
    mediaType: item.mediaType,
    originalFilename: item.originalFilename,
    // The bytes under a hash never change: they were stored when the item was added.
    lastModified: item.addedAt,
  };
}

/**
 * The preserved original, for people allowed to see its claim, whole or one range of it. Custody
 * is recorded before the first byte leaves: the whole file is a download (`evidence.downloaded`,
 * every time); a range is a view (`evidence.viewed`, once per person and window: ./record-view.ts),
 * since a player asks for many. A range past the end (416) sends nothing and records nothing.
 */
export async function openEvidenceContent(db: Db, actor: Actor | null, evidenceId: string, via: "web" | "api", request?: RangeRequest) {
  const file = await describeEvidenceContent(db, actor, evidenceId);
  assertCan(actor, "evidence.read_content"); // checked there too; said here for the type of `actor`
  const answer = answerFor(request, file);
  const opened: Opened = { answer, stream: await openAnswer(file.sha256, answer) };
  await recorded(opened, async () => {
    if (answer.kind === "partial") {
      await recordView(db, actor, { evidenceId: file.item.id, sha256: file.sha256, copy: "original", via });
    } else if (answer.kind === "whole") {
      await db.transaction((tx) =>
        appendAuditEvent(tx as unknown as Db, actor.id, {
          type: "evidence.downloaded",
          entity: { type: "evidence", id: file.item.id },
          data: { sha256: file.sha256, via },
        }),
      );
    }
  });
  return { ...opened, ...file };
}

/**
 * A working copy's row (`web` or `low`), for the people who may read the original: 404 for an
 * item one cannot see, a copy name we do not make, or a copy not made yet.
 */
export async function describeWorkingCopy(db: Db, actor: Actor | null, evidenceId: string, copy: string) {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  assertCan(actor, "evidence.read_content");
  if (!isWorkingCopyKind(copy)) throw new AppError("NOT_FOUND", tr("errors.evidence.noSuchCopy"));
  const [row] = await db
    .select({ sha256: evidenceDerivatives.blobSha256, mediaType: evidenceDerivatives.mediaType, size: blobs.size, lastModified: evidenceDerivatives.createdAt })
    .from(evidenceDerivatives)
    .innerJoin(blobs, eq(blobs.sha256, evidenceDerivatives.blobSha256))
    .where(and(eq(evidenceDerivatives.evidenceId, item.id), eq(evidenceDerivatives.kind, copy), eq(evidenceDerivatives.position, 0)));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.evidence.noSuchCopy"));
  return { item, copy, ...row };
}

/**
 * A working copy, whole or one range of it: our own re-encoded bytes, so served inline to play.
 * Every read is a view of that copy (a player asks for ranges; a whole read is one too, since the
 * original is what is downloaded), recorded once per person and window before the first byte leaves.
 */
export async function openWorkingCopy(db: Db, actor: Actor | null, evidenceId: string, copy: string, via: "web" | "api", request?: RangeRequest) {
  const file = await describeWorkingCopy(db, actor, evidenceId, copy);
  assertCan(actor, "evidence.read_content");
  const answer = answerFor(request, file);
  const opened: Opened = { answer, stream: await openAnswer(file.sha256, answer) };
  if (answer.kind !== "unsatisfiable") await recorded(opened, () => recordView(db, actor, { evidenceId: file.item.id, sha256: file.sha256, copy: file.copy, via }));
  return { ...opened, ...file };
}

/** A still (thumbnail, keyframe): our own JPEG, safe to show inline to the same people; ranges too. */
export async function openDerivative(db: Db, actor: Actor | null, evidenceId: string, derivativeId: string, request?: RangeRequest) {
  const item = await findVisibleEvidence(db, actor, evidenceId);
  if (!isUuid(derivativeId)) throw new AppError("NOT_FOUND", tr("errors.evidence.noSuchDerivative"));
  const [derivative] = await db
    .select({ sha256: evidenceDerivatives.blobSha256, kind: evidenceDerivatives.kind, size: blobs.size, lastModified: evidenceDerivatives.createdAt })
    .from(evidenceDerivatives)
    .innerJoin(blobs, eq(blobs.sha256, evidenceDerivatives.blobSha256))
    .where(and(eq(evidenceDerivatives.id, derivativeId), eq(evidenceDerivatives.evidenceId, item.id)));
  // The playable copies have their own door, with its permission and custody.
  if (!derivative || isWorkingCopyKind(derivative.kind)) throw new AppError("NOT_FOUND", tr("errors.evidence.noSuchDerivative"));
  const answer = answerFor(request, derivative);
  return { answer, stream: await openAnswer(derivative.sha256, answer), sha256: derivative.sha256, size: derivative.size, lastModified: derivative.lastModified };
}
