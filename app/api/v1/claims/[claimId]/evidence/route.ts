import { apiRoute } from "@/lib/api/route";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { formatBytes } from "@/lib/evidence/receive-format";
import { json, readJson } from "@/lib/api/respond";
import { streamMultipartFile } from "@/lib/api/multipart";
import { addEvidenceFromStream, assertCanAddEvidence } from "@/lib/evidence/add-evidence";
import { requestPageCapture } from "@/lib/evidence/capture/request-capture";
import { listClaimEvidence } from "@/lib/evidence/list-claim-evidence";

export const GET = apiRoute<{ claimId: string }>(async ({ params, db, actor }) =>
  json({ items: await listClaimEvidence(db, actor, params.claimId) }),
);

/** multipart `file` (streamed to storage) or JSON `{"url"}` for a page capture. */
export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) => {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("application/json")) {
    return json(await requestPageCapture(db, actor, params.claimId, (await readJson(request)) as never), 201);
  }
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send a file as multipart/form-data, or a page to capture as application/json {\"url\"}.");
  }
  // Refuse early, before a large body is read.
  await assertCanAddEvidence(db, actor, params.claimId);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > env.EVIDENCE_MAX_BYTES + 64 * 1024) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the limit of ${formatBytes(env.EVIDENCE_MAX_BYTES)}.`);
  }
  const item = await streamMultipartFile(request, (stream, filename, fields, whole) =>
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
  return json(item, 201);
});
