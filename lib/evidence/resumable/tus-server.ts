import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { Server } from "@tus/server";
import { getDb } from "@/lib/server/database";
import type { Actor } from "@/lib/auth/permissions";
import { dataDir, env } from "@/lib/env";
import { AppError, type AppErrorCode, ERROR_STATUS, isAppError } from "@/lib/errors/app-error";
import { asDoorError } from "@/lib/errors/unavailable";
import { addEvidenceFromStream, assertCanAddEvidence, assertProvenanceHolds } from "../add-evidence";
import { newUploadId, UploadAllowance, type UploadLimits } from "./upload-allowance";
import { heldInDatabase, SharedUploadStore } from "./shared-upload-store";
import { getBlobStore, tempDir } from "../storage/get-blob-store";
import type { DataStore, Upload } from "@tus/utils";
import type { Readable } from "node:stream";
import { carriesBytes, takeBodyPlace, withIdleTimeout } from "./upload-bodies";
import { tr } from "@/lib/i18n/translate";

export const TUS_PATH = "/api/v1/uploads";

/** The request being handled, for the tus hooks: who sends it, and the upload places it reserved. */
type UploadRequest = { actor: Actor; reserved: string[] };

function tusError(thrown: unknown): { status_code: number; body: string } {
  const error = asDoorError(thrown);
  if (isAppError(error)) {
    const { fieldErrors } = error.details;
    return { status_code: error.status, body: JSON.stringify({ error: { code: error.code, message: error.message, ...(fieldErrors ? { fieldErrors } : {}) } }) };
  }
  if (error && typeof error === "object" && "status_code" in error) return error as { status_code: number; body: string };
  console.error("[uploads] unexpected error:", error);
  return { status_code: 500, body: JSON.stringify({ error: { code: "INTERNAL", message: tr("errors.uploads.notStored") } }) };
}

/**
 * The tus server of this process and what its requests share: the request context its hooks
 * read, the upload places reserved and the bodies each person is sending. Kept on globalThis: instrumentation (which starts
 * the sweep) and the route are bundled apart, and must meet the same server, context and counts.
 */
type TusUploads = { server: Server; requests: AsyncLocalStorage<UploadRequest>; sending: Map<string, number>; allowance: UploadAllowance };

function uploadLimits(): UploadLimits {
  return {
    maxOpenUploads: env.TUS_MAX_OPEN_UPLOADS,
    maxReservedBytes: env.TUS_MAX_RESERVED_BYTES,
    maxUploadBytes: env.EVIDENCE_MAX_BYTES,
    expiryMs: env.TUS_EXPIRY_SECONDS * 1000,
  };
}

/**
 * @tus/file-store, removing an upload whose data file is already gone: its own `remove` throws
 * then and leaves the description, and one such upload would fail every sweep of expired uploads.
 * An upload with neither file never existed (or is gone): that stays tus's 404.
 */
class UploadFileStore extends FileStore {
  async remove(id: string): Promise<void> {
    try {
      await super.remove(id);
    } catch (error) {
      if ((await this.configstore.get(id)) === undefined) throw error;
      await this.configstore.delete(id).catch(() => {});
    }
  }
}

/**
 * Where unfinished uploads live: with several app servers (PostgreSQL and the S3 store), in the
 * database and the store's part space, where each server sees them (./shared-upload-store.ts);
 * otherwise in this server's data folder, by @tus/file-store.
 */
function createDatastore(limits: UploadLimits): { datastore: DataStore & { read(id: string): Readable }; allowance: UploadAllowance } {
  if (env.DATABASE_URL && env.BLOB_STORE === "s3") {
    const datastore = new SharedUploadStore({ db: getDb, blobs: getBlobStore, tempDir, expiryMs: limits.expiryMs, limits, refuse: tusError });
    return { datastore, allowance: new UploadAllowance(async (actorId) => heldInDatabase(await getDb(), actorId, limits), limits) };
  }
  const directory = path.join(dataDir(), "tus");
  // The store makes its folder without waiting; the sweep at start-up would find it missing.
  fs.mkdirSync(directory, { recursive: true });
  return { datastore: new UploadFileStore({ directory, expirationPeriodInMilliseconds: limits.expiryMs }), allowance: new UploadAllowance(directory, limits) };
}

/** What an upload's metadata says of where the file came from. */
function provenanceOf(upload: Upload) {
  return Object.fromEntries(
    (["publishedBySourceId", "obtainedViaSourceId", "isFirstHand"] as const).filter((k) => upload.metadata?.[k] != null).map((k) => [k, upload.metadata?.[k]]),
  );
}

function createTusUploads(): TusUploads {
  const limits = uploadLimits();
  const { datastore, allowance } = createDatastore(limits);
  const shared = datastore instanceof SharedUploadStore ? datastore : null;
  const requests = new AsyncLocalStorage<UploadRequest>();
  const current = (): UploadRequest => {
    const request = requests.getStore();
    if (!request) throw new AppError("UNAUTHORIZED", tr("errors.uploads.signIn"));
    return request;
  };
  const server = new Server({
    path: TUS_PATH,
    datastore,
    maxSize: env.EVIDENCE_MAX_BYTES,
    respectForwardedHeaders: true,
    exposedHeaders: ["Evidence-Id"],
    // A person's uploads are named after them (a hash), so their places are counted by file name.
    namingFunction: () => newUploadId(current().actor.id),
    async onIncomingRequest(req, uploadId) {
      const { actor } = current();
      if (!uploadId) return;
      // Only the person who started an upload may continue, inspect or cancel it.
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (upload && upload.metadata?.actorId !== actor.id) throw { status_code: 404, body: "Not found" };
      // Whole but never finished (a crash came between its last body and its finish): the
      // client asking where it stands is answered "whole", so it is finished now, before that.
      if (upload && shared && req.method === "HEAD" && upload.offset === upload.size && (await shared.isStranded(uploadId))) {
        await finish(upload).catch((error: unknown) => console.error("[uploads] finishing a stranded upload failed:", error instanceof Error ? error.message : error));
      }
    },
    async onUploadCreate(_req, upload) {
      try {
        const request = current();
        const claimId = upload.metadata?.claimId ?? "";
        const db = await getDb();
        await assertCanAddEvidence(db, request.actor, claimId);
        // Where it came from is checked now, not after the whole file has arrived.
        await assertProvenanceHolds(db, provenanceOf(upload));
        await allowance.reserve(request.actor.id, upload.id, upload.size);
        request.reserved.push(upload.id);
        // Server-side fields overwrite anything of the same name the client sent.
        return { metadata: { ...upload.metadata, claimId, actorId: request.actor.id } };
      } catch (error) {
        throw tusError(error);
      }
    },
    onUploadFinish: (_req, upload) => finish(upload),
  });

  /** The whole upload's bytes into the evidence store, as the finishing request's person. */
  function addEvidence(upload: Upload) {
    return getDb().then((db) =>
      addEvidenceFromStream(db, current().actor, upload.metadata?.claimId ?? "", {
        stream: datastore.read(upload.id),
        filename: upload.metadata?.filename ?? null,
        intake: "resumable",
        provenance: provenanceOf(upload),
      }),
    );
  }

  /**
   * A whole upload becomes evidence. Shared: once, by the one request that claims the finish; a
   * repeated final request is answered with the evidence made (or 409 while it is being made).
   * Refused (a provenance that does not hold, say), the upload goes.
   */
  async function finish(upload: Upload) {
    if (!shared) {
      try {
        return { headers: { "Evidence-Id": (await addEvidence(upload)).id } };
      } catch (error) {
        throw tusError(error);
      } finally {
        // The bytes are in the content-addressed store now (or were refused): the upload copy goes.
        await datastore.remove(upload.id).catch(() => {});
      }
    }
    const claim = await shared.claimFinish(upload.id);
    if (claim.outcome === "made") return { headers: { "Evidence-Id": claim.evidenceId } };
    if (claim.outcome === "busy") throw tusError(new AppError("CONFLICT", tr("errors.uploads.finishing")));
    try {
      const item = await addEvidence(upload);
      await shared.markFinished(upload.id, item.id);
      return { headers: { "Evidence-Id": item.id } };
    } catch (error) {
      await datastore.remove(upload.id).catch(() => {});
      throw tusError(error);
    }
  }
  return { server, requests, sending: new Map(), allowance };
}

const globalForTus = globalThis as unknown as { corroborateTus?: TusUploads };

function tusUploads(): TusUploads {
  globalForTus.corroborateTus ??= createTusUploads();
  return globalForTus.corroborateTus;
}

/**
 * One tus request of `actor`: refused when it uses what is not offered, or when it carries bytes
 * while the person already sends TUS_MAX_CONCURRENT_PATCHES bodies (429 at once); a body that
 * sends nothing for TUS_IDLE_TIMEOUT_SECONDS is ended, keeping what arrived. Answers in the API's
 * error shape.
 */
export async function handleUpload(actor: Actor, request: Request): Promise<Response> {
  refuseUnsupportedTus(request);
  const { server, requests, sending, allowance } = tusUploads();
  let leave = () => {};
  let sent = request;
  if (carriesBytes(request)) {
    const max = env.TUS_MAX_CONCURRENT_PATCHES;
    leave = takeBodyPlace(sending, actor.id, max) ?? refuseBusy(max);
    sent = withIdleTimeout(request, env.TUS_IDLE_TIMEOUT_SECONDS * 1000);
  }
  const context: UploadRequest = { actor, reserved: [] };
  try {
    return await requests.run(context, async () => asApiAnswer(await server.handleWeb(sent), request.method));
  } finally {
    leave();
    for (const id of context.reserved) allowance.release(actor.id, id);
  }
}

function refuseBusy(max: number): never {
  throw new AppError("RATE_LIMITED", tr("errors.uploads.busy", { max }), {
    retryAfterSeconds: 5,
  });
}

let sweeping = false;

/**
 * Remove unfinished uploads past their expiry (TUS_EXPIRY_SECONDS after they start) now, then
 * every hour, or every expiry period when that is shorter. The timer does not hold the process.
 */
export function scheduleUploadSweeps(): void {
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const removed = await tusUploads().server.cleanUpExpiredUploads();
      if (removed > 0) console.log(`[uploads] removed ${removed} expired unfinished upload(s)`);
    } catch (error) {
      console.error("[uploads] sweeping expired uploads failed:", error instanceof Error ? error.message : error);
    } finally {
      sweeping = false;
    }
  };
  void sweep();
  setInterval(sweep, Math.min(60 * 60 * 1000, env.TUS_EXPIRY_SECONDS * 1000)).unref();
}

/**
 * What this server's tus does not do, refused before tus sees the request, as the API refuses:
 * a PATCH whose body is not tus bytes (415, as the protocol asks; tus itself says 400), a checksum
 * (there is no checksum extension: a client that sends one must not believe it was checked), and
 * concatenation (no such extension: tus would answer 501).
 */
function refuseUnsupportedTus(request: Request) {
  const method = request.method.toUpperCase();
  if (method === "PATCH" && request.headers.get("content-type")?.toLowerCase() !== "application/offset+octet-stream") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", tr("errors.uploads.chunkType"));
  }
  if (request.headers.has("upload-checksum")) {
    throw new AppError("BAD_REQUEST", tr("errors.uploads.noChecksums"));
  }
  if (request.headers.has("upload-concat")) {
    throw new AppError("BAD_REQUEST", tr("errors.uploads.noConcatenation"));
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
async function asApiAnswer(response: Response, method: string): Promise<Response> {
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
  const message = text.trim() || (status >= 500 ? tr("errors.uploads.notStored") : tr("errors.uploads.refused"));
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers });
}
