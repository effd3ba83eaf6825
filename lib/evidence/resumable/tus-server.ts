import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { dataDir, env } from "@/lib/env";
import { AppError, type AppErrorCode, ERROR_STATUS, isAppError } from "@/lib/errors/app-error";
import { asDoorError } from "@/lib/errors/unavailable";
import { addEvidenceFromStream, assertCanAddEvidence } from "../add-evidence";

export const TUS_PATH = "/api/v1/uploads";

/** The signed-in actor of the request being handled, for the tus hooks. */
export const uploadActor = new AsyncLocalStorage<Actor>();

function tusError(thrown: unknown): { status_code: number; body: string } {
  const error = asDoorError(thrown);
  if (isAppError(error)) return { status_code: error.status, body: JSON.stringify({ error: { code: error.code, message: error.message } }) };
  if (error && typeof error === "object" && "status_code" in error) return error as { status_code: number; body: string };
  console.error("[uploads] unexpected error:", error);
  return { status_code: 500, body: JSON.stringify({ error: { code: "INTERNAL", message: "The upload could not be stored." } }) };
}

function currentActor(): Actor {
  const actor = uploadActor.getStore();
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to upload.");
  return actor;
}

function createTusServer(): Server {
  const directory = path.join(dataDir(), "tus");
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: 24 * 60 * 60 * 1000 });
  return new Server({
    path: TUS_PATH,
    datastore,
    maxSize: env.EVIDENCE_MAX_BYTES,
    respectForwardedHeaders: true,
    exposedHeaders: ["Evidence-Id"],
    async onIncomingRequest(_req, uploadId) {
      const actor = currentActor();
      if (!uploadId) return;
      // Only the person who started an upload may continue, inspect or cancel it.
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (upload && upload.metadata?.actorId !== actor.id) throw { status_code: 404, body: "Not found" };
    },
    async onUploadCreate(_req, upload) {
      try {
        const actor = currentActor();
        const claimId = upload.metadata?.claimId ?? "";
        await assertCanAddEvidence(await getDb(), actor, claimId);
        // Server-side fields overwrite anything of the same name the client sent.
        return { metadata: { ...upload.metadata, claimId, actorId: actor.id } };
      } catch (error) {
        throw tusError(error);
      }
    },
    async onUploadFinish(_req, upload) {
      try {
        const item = await addEvidenceFromStream(await getDb(), currentActor(), upload.metadata?.claimId ?? "", {
          stream: datastore.read(upload.id),
          filename: upload.metadata?.filename ?? null,
          intake: "resumable",
          provenance: Object.fromEntries(
            (["publishedBySourceId", "obtainedViaSourceId", "isFirstHand"] as const)
              .filter((k) => upload.metadata?.[k] != null)
              .map((k) => [k, upload.metadata?.[k]]),
          ),
        });
        return { headers: { "Evidence-Id": item.id } };
      } catch (error) {
        throw tusError(error);
      } finally {
        // The bytes are in the content-addressed store now (or were refused): the upload copy goes.
        await datastore.remove(upload.id).catch(() => {});
      }
    },
  });
}

const globalForTus = globalThis as unknown as { corroborateTus?: Server };

export function getTusServer(): Server {
  globalForTus.corroborateTus ??= createTusServer();
  return globalForTus.corroborateTus;
}

/**
 * What this server's tus does not do, refused before tus sees the request, as the API refuses:
 * a PATCH whose body is not tus bytes (415, as the protocol asks; tus itself says 400), a checksum
 * (there is no checksum extension: a client that sends one must not believe it was checked), and
 * concatenation (no such extension: tus would answer 501).
 */
export function refuseUnsupportedTus(request: Request) {
  const method = request.method.toUpperCase();
  if (method === "PATCH" && request.headers.get("content-type")?.toLowerCase() !== "application/offset+octet-stream") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send upload chunks as application/offset+octet-stream.");
  }
  if (request.headers.has("upload-checksum")) {
    throw new AppError("BAD_REQUEST", "Upload checksums are not verified here (no tus checksum extension): send the chunk without Upload-Checksum.");
  }
  if (request.headers.has("upload-concat")) {
    throw new AppError("BAD_REQUEST", "Concatenated uploads (the tus concatenation extension) are not supported: send one upload.");
  }
}

/** The design's code for a status tus answered with (a gone upload is not found; a status of its own, a 400). */
function codeOfStatus(status: number): string {
  if (status >= 500) return "INTERNAL";
  const wanted = status === 410 ? 404 : status;
  return (Object.keys(ERROR_STATUS) as AppErrorCode[]).find((code) => ERROR_STATUS[code] === wanted) ?? "BAD_REQUEST";
}

/**
 * tus writes its protocol's refusals as plain text ("Upload-Offset header required"); the API's
 * clients read {"error": {"code", "message"}}. Refusals are rewritten in that shape, headers kept.
 * tus answers a missing Upload-Offset or a bad Content-Type with 403, which here means a role may
 * not do something: those become the 400 they are.
 */
export async function asApiAnswer(response: Response, method: string): Promise<Response> {
  if (response.status < 400 || method.toUpperCase() === "HEAD") return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (parsed?.error && typeof parsed.error.message === "string") return new Response(text, { status: response.status, headers });
  } catch {
    // plain text from tus: wrapped below
  }
  const status = response.status === 403 ? 400 : response.status;
  const code = codeOfStatus(status);
  const message = text.trim() || (status >= 500 ? "The upload could not be stored." : "The upload request was refused.");
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers });
}
