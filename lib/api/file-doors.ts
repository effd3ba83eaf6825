import "server-only";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { addEvidenceFromStream, assertCanAddEvidence } from "@/lib/evidence/add-evidence";
import { requestPageCapture } from "@/lib/evidence/capture/request-capture";
import { contentDisposition } from "@/lib/evidence/filename";
import { describeEvidenceContent, openDerivative, openEvidenceContent } from "@/lib/evidence/read-content";
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

/**
 * The preserved bytes, always as an attachment: never rendered on our origin. A HEAD (served by
 * the GET door, its body dropped) reads no byte and records no download.
 */
export async function evidenceContent({ request, params, db, actor }: DoorArgs) {
  if (request.method === "HEAD") return new Response(null, { headers: contentHeaders(await describeEvidenceContent(db, actor, params.evidenceId)) });
  const via = request.headers.has("authorization") ? "api" : "web";
  const file = await openEvidenceContent(db, actor, params.evidenceId, via);
  return new Response(Readable.toWeb(file.stream) as ReadableStream, { headers: contentHeaders(file) });
}

function contentHeaders(file: { sha256: string; size: number | null; originalFilename: string | null }): HeadersInit {
  return {
    "Content-Type": "application/octet-stream",
    "Content-Disposition": contentDisposition(file.originalFilename, file.sha256),
    ...(file.size ? { "Content-Length": String(file.size) } : {}),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
    Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
  };
}

export async function derivedFile({ params, db, actor }: DoorArgs) {
  const file = await openDerivative(db, actor, params.evidenceId, params.derivativeId);
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "Content-Type": "image/jpeg",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=31536000, immutable",
      ETag: `"${file.sha256}"`,
    },
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
