import { getDb } from "@/lib/server/database";
import { errorResponse } from "@/lib/api/respond";
import { resolveActor } from "@/lib/api/route";
import { AppError } from "@/lib/errors/app-error";
import { handleUpload } from "@/lib/evidence/resumable/tus-server";

/**
 * Resumable uploads (tus 1.0): a dropped connection resumes where it stopped. Create with POST
 * and metadata `claimId` and `filename`; when the last byte arrives the file becomes evidence and
 * the answer carries `Evidence-Id`.
 */
async function handle(request: Request): Promise<Response> {
  try {
    const actor = await resolveActor(await getDb(), request);
    if (!actor) throw new AppError("UNAUTHORIZED", "Sign in, or send an API token, to upload.");
    return await handleUpload(actor, request);
  } catch (error) {
    return errorResponse(error);
  }
}

export { handle as DELETE, handle as GET, handle as HEAD, handle as OPTIONS, handle as PATCH, handle as POST };
