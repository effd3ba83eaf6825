import "server-only";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { addEvidenceFromStream, assertCanAddEvidence } from "@/lib/evidence/add-evidence";
import { requestPageCapture } from "@/lib/evidence/capture/request-capture";
import { contentDisposition } from "@/lib/evidence/filename";
import { describeEvidenceContent, describeWorkingCopy, openDerivative, openEvidenceContent, openWorkingCopy } from "@/lib/evidence/read-content";
import { type RangeAnswer, type RangeRequest, rangeHeaders, rangeStatus, strongEtag } from "@/lib/http/ranges";
import { sizeText } from "@/lib/evidence/size-text";
import { handleUpload } from "@/lib/evidence/resumable/tus-server";
import type { ZCaptureRequest } from "@/lib/evidence/schemas";
import type { DoorArgs } from "./door";
import { streamMultipartFile } from "./multipart";
import { tr } from "@/lib/i18n/translate";

/*
 * The doors of ./handlers.ts that stream bytes in or out: evidence files, derived files, tus.
 */

/** A multipart `file` (streamed to storage) or JSON `{"url"}` for a page capture. */
export async function addEvidence({ request, params, db, actor, readBody }: DoorArgs<undefined, typeof ZCaptureRequest>) {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("application/json")) return requestPageCapture(db, actor, params.claimId, await readBody());
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", tr("errors.api.fileOrUrl"));
  }
  // Refuse early, before a large body is read.
  await assertCanAddEvidence(db, actor, params.claimId);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > env.EVIDENCE_MAX_BYTES + 64 * 1024) {
    throw new AppError("PAYLOAD_TOO_LARGE", tr("errors.api.fileTooLarge", { limit: sizeText(env.EVIDENCE_MAX_BYTES) }));
  }
  return streamMultipartFile(request, (stream, filename, fields, whole) =>
    addEvidenceFromStream(db, actor, params.claimId, {
      stream,
      filename,
      intake: "upload",
      // Nothing is stored until the whole body has been read and holds only this one file.
      beforeCommit: whole,
      // Text fields sent before the file: who published it, who it came through, first-hand.
      provenance: Object.fromEntries(
        (["publishedBySourceId", "obtainedViaSourceId", "isFirstHand"] as const).filter((k) => k in fields).map((k) => [k, fields[k]]),
      ),
    }),
  );
}

/** The request's `Range` and `If-Range`, for lib/evidence/read-content.ts to answer. */
function rangeRequest(request: Request): RangeRequest {
  return { range: request.headers.get("range"), ifRange: request.headers.get("if-range") };
}

const viaOf = (request: Request) => (request.headers.has("authorization") ? "api" : "web");

/**
 * Stored bytes as an answer: 200 with all of them, 206 with one range (`Content-Range`), or 416
 * (`Content-Range: bytes *\/size`, the design's error body) for a range past the end.
 */
function bytesResponse(file: { answer: RangeAnswer; stream: Readable | null; size: number | null }, headers: Record<string, string>): Response {
  const size = file.size ?? 0;
  const sent = file.size === null ? { "Accept-Ranges": "bytes" } : rangeHeaders(file.answer, size);
  if (!file.stream) {
    return Response.json(
      { error: { code: "RANGE_NOT_SATISFIABLE", message: tr("errors.evidence.rangeNotSatisfiable") } },
      { status: 416, headers: { ...sent, "Cache-Control": "no-store" } },
    );
  }
  return new Response(Readable.toWeb(file.stream) as ReadableStream, { status: rangeStatus(file.answer), headers: { ...headers, ...sent } });
}

/**
 * The preserved bytes, always as an attachment: never rendered on our origin. Ranges are served
 * (a player, a resumed download); lib/ records a whole read as a download and a ranged one as a
 * view. A HEAD (served by the GET door, its body dropped) reads no byte and records nothing.
 */
export async function evidenceContent({ request, params, db, actor }: DoorArgs) {
  if (request.method === "HEAD") {
    const file = await describeEvidenceContent(db, actor, params.evidenceId);
    return new Response(null, { headers: { ...contentHeaders(file), ...rangeHeaders({ kind: "whole" }, file.size ?? 0) } });
  }
  const file = await openEvidenceContent(db, actor, params.evidenceId, viaOf(request), rangeRequest(request));
  return bytesResponse(file, contentHeaders(file));
}

function contentHeaders(file: { sha256: string; size: number | null; originalFilename: string | null; lastModified: Date }): Record<string, string> {
  return {
    "Content-Type": "application/octet-stream",
    "Content-Disposition": contentDisposition(file.originalFilename, file.sha256),
    ...(file.size ? { "Content-Length": String(file.size) } : {}),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    // Every download is recorded: nothing in between may answer for us.
    "Cache-Control": "private, no-store",
    ETag: strongEtag(file.sha256),
    "Last-Modified": file.lastModified.toUTCString(),
    Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
  };
}

/**
 * A working copy (`web`, `low`): our own re-encoded MP4, inline so the page's player plays it,
 * with ranges. Its bytes never change under its hash, so the browser may keep it; reads are
 * views in the custody trail (lib/evidence/read-content.ts). A HEAD records nothing.
 */
export async function workingCopy({ request, params, db, actor }: DoorArgs) {
  if (request.method === "HEAD") {
    const file = await describeWorkingCopy(db, actor, params.evidenceId, params.copy);
    return new Response(null, { headers: { ...copyHeaders(file), ...rangeHeaders({ kind: "whole" }, file.size) } });
  }
  const file = await openWorkingCopy(db, actor, params.evidenceId, params.copy, viaOf(request), rangeRequest(request));
  return bytesResponse(file, copyHeaders(file));
}

function copyHeaders(file: { sha256: string; mediaType: string; lastModified: Date }): Record<string, string> {
  return {
    "Content-Type": file.mediaType,
    "Content-Disposition": "inline",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: strongEtag(file.sha256),
    "Last-Modified": file.lastModified.toUTCString(),
  };
}

export async function derivedFile({ request, params, db, actor }: DoorArgs) {
  const file = await openDerivative(db, actor, params.evidenceId, params.derivativeId, rangeRequest(request));
  return bytesResponse(file, {
    "Content-Type": "image/jpeg",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: strongEtag(file.sha256),
  });
}

/**
 * Resumable uploads (tus 1.0): a dropped connection resumes where it stopped. Create with POST
 * and metadata `claimId` and `filename`; when the last byte arrives the file becomes evidence and
 * the answer carries `Evidence-Id`. The protocol reads its own URL; every method goes to it.
 */
export async function tus({ request, actor }: DoorArgs) {
  // The kit has answered 401 already (the uploads are signed-in operations); this tells the type.
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.api.signInToUpload"));
  return handleUpload(actor, request);
}
