import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { dataDir, env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { unavailableError } from "@/lib/errors/unavailable";
import { addEvidenceFromStream, assertCanAddEvidence } from "../add-evidence";

export const TUS_PATH = "/api/v1/uploads";

/** The signed-in actor of the request being handled, for the tus hooks. */
export const uploadActor = new AsyncLocalStorage<Actor>();

function tusError(thrown: unknown): { status_code: number; body: string } {
  const error = isAppError(thrown) ? thrown : (unavailableError(thrown) ?? thrown);
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
