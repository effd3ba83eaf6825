import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/route";
import { contentDisposition } from "@/lib/evidence/filename";
import { openEvidenceContent } from "@/lib/evidence/read-content";

/** The preserved bytes, always as an attachment: never rendered on our origin. */
export const GET = apiRoute<{ evidenceId: string }>(async ({ request, params, db, actor }) => {
  const via = request.headers.has("authorization") ? "api" : "web";
  const file = await openEvidenceContent(db, actor, params.evidenceId, via);
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": contentDisposition(file.originalFilename, file.sha256),
      ...(file.size ? { "Content-Length": String(file.size) } : {}),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
});
