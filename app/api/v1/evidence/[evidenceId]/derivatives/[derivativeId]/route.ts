import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/route";
import { openDerivative } from "@/lib/evidence/read-content";

export const GET = apiRoute<{ evidenceId: string; derivativeId: string }>(async ({ params, db, actor }) => {
  const file = await openDerivative(db, actor, params.evidenceId, params.derivativeId);
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "Content-Type": "image/jpeg",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=31536000, immutable",
      ETag: `"${file.sha256}"`,
    },
  });
});
