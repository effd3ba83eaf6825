import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DataStore, ERRORS, Upload } from "@tus/utils";
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { resumableUploadParts, resumableUploads } from "@/db/schema";
import { type BlobStore, partKey } from "../storage/blob-store";
import { assertWithinLimits, type UploadLimits } from "./upload-allowance";

/**
 * tus's store where every app server sees every upload (several servers on PostgreSQL and one
 * S3 store): an upload is a row of `resumable_uploads` (owner, length, metadata, offset) and its
 * bytes so far are parts in the blob store's part space, one object per accepted body, named in
 * `resumable_upload_parts`. A body may reach any server: it is received whole into a temp file,
 * put as a part, and then counted — in one transaction that moves the offset only if it is still
 * the one the body began at. Two servers taking bodies for one offset at once (a client that
 * retried on another server) cannot both append: the loser's part is deleted and it answers 409,
 * as tus does for a stale offset. So the upload reaches its length exactly once, on one server,
 * whose `onUploadFinish` then reads the parts in order into the evidence store: one blob, one row.
 * The finish itself is claimed in the row (`claimFinish`): a repeated final request (an empty body
 * at the full offset, on any server) is answered with the evidence made, never makes another. An
 * interrupted body keeps what arrived, as tus's file store does; one that brought every byte
 * finishes the upload all the same, and an upload a crash left whole but unfinished is finished
 * by the next request that looks at it (tus-server.ts).
 */
/** How long a claimed finish is another request's: past it (a crash), the finish is claimed again. */
const FINISH_CLAIM_MS = 10 * 60 * 1000;

/** Whole, not finished, and nobody finishing it (or a claim a crash left: older than FINISH_CLAIM_MS). */
function finishable(id: string) {
  return and(
    eq(resumableUploads.id, id),
    sql`${resumableUploads.offset} = ${resumableUploads.size}`,
    isNull(resumableUploads.evidenceId),
    or(isNull(resumableUploads.finishingAt), lt(resumableUploads.finishingAt, new Date(Date.now() - FINISH_CLAIM_MS))),
  );
}

export class SharedUploadStore extends DataStore {
  /**
   * `limits`: checked again as the row is made, under a lock of the person's (the allowance
   * before it counts per server), so that creations racing on several servers cannot pass them;
   * `refuse` turns the refusal into tus's error (./tus-server.ts).
   */
  constructor(
    private readonly options: {
      db: () => Promise<Db>;
      blobs: () => BlobStore;
      tempDir: () => string;
      expiryMs: number;
      limits?: UploadLimits;
      refuse?: (error: unknown) => unknown;
    },
  ) {
    super();
    this.extensions = ["creation", "creation-with-upload", "creation-defer-length", "termination", "expiration"];
  }

  async create(upload: Upload): Promise<Upload> {
    const ownerId = upload.metadata?.actorId;
    if (!ownerId) throw ERRORS.UNKNOWN_ERROR;
    const db = await this.options.db();
    const { limits, refuse = (error: unknown) => error } = this.options;
    const row = await db.transaction(async (tx) => {
      if (limits) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`corroborate:uploads:${ownerId}`}))`);
        try {
          assertWithinLimits(await heldInDatabase(tx, ownerId, limits), upload.size, limits);
        } catch (error) {
          throw refuse(error);
        }
      }
      const [made] = await tx
        .insert(resumableUploads)
        .values({ id: upload.id, ownerId, size: upload.size ?? null, metadata: upload.metadata ?? {} })
        .returning({ createdAt: resumableUploads.createdAt });
      return made;
    });
    upload.creation_date = row.createdAt.toISOString();
    return upload;
  }

  async getUpload(id: string): Promise<Upload> {
    const db = await this.options.db();
    const [row] = await db
      .select({ size: resumableUploads.size, offset: resumableUploads.offset, metadata: resumableUploads.metadata, createdAt: resumableUploads.createdAt })
      .from(resumableUploads)
      .where(eq(resumableUploads.id, id));
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    return new Upload({ id, size: row.size ?? undefined, offset: row.offset, metadata: row.metadata, creation_date: row.createdAt.toISOString() });
  }

  async write(stream: Readable, id: string, offset: number): Promise<number> {
    const temp = path.join(this.options.tempDir(), `part-${randomBytes(12).toString("hex")}`);
    let failure: unknown = null;
    await pipeline(stream, fs.createWriteStream(temp)).catch((error: unknown) => {
      failure = error;
    });
    try {
      // What reached the file is what arrived: a body cut short keeps its bytes up to the cut.
      const received = await fsp.stat(temp).then(
        (stat) => stat.size,
        () => 0,
      );
      const moved = received === 0 ? { offset, complete: false } : await this.append(id, offset, received, temp);
      // Every byte arrived though the body ended badly: the upload is whole, and is finished now,
      // or no request would finish it (a client resuming finds its length reached and stops).
      if (failure && !moved.complete) throw ERRORS.FILE_WRITE_ERROR;
      return moved.offset;
    } finally {
      await fsp.rm(temp, { force: true });
    }
  }

  /** The part put, then counted if the offset is still `offset` (and the length not passed); else the part goes and 409. */
  private async append(id: string, offset: number, length: number, temp: string): Promise<{ offset: number; complete: boolean }> {
    const key = partKey(id, offset, randomBytes(8).toString("hex"));
    const blobs = this.options.blobs();
    await blobs.putPart(key, temp);
    const db = await this.options.db();
    const moved = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(resumableUploads)
        .set({ offset: sql`${resumableUploads.offset} + ${length}` })
        .where(
          and(
            eq(resumableUploads.id, id),
            eq(resumableUploads.offset, offset),
            or(isNull(resumableUploads.size), sql`${resumableUploads.offset} + ${length} <= ${resumableUploads.size}`),
          ),
        )
        .returning({ offset: resumableUploads.offset, size: resumableUploads.size });
      if (!row) return null;
      await tx.insert(resumableUploadParts).values({ uploadId: id, offset, length, key });
      return { offset: row.offset, complete: row.offset === row.size };
    });
    if (moved === null) {
      await blobs.deletePart(key).catch(() => {});
      throw ERRORS.INVALID_OFFSET;
    }
    return moved;
  }

  /** The bytes received so far, in order: the finished upload's, for the evidence store. */
  read(id: string): Readable {
    const { db, blobs } = this.options;
    return Readable.from(
      (async function* () {
        const parts = await (await db())
          .select({ key: resumableUploadParts.key })
          .from(resumableUploadParts)
          .where(eq(resumableUploadParts.uploadId, id))
          .orderBy(asc(resumableUploadParts.offset));
        for (const part of parts) yield* await blobs().openPart(part.key);
      })(),
    );
  }

  /** Once, and never below what arrived meanwhile (another server's body may have moved the offset since tus read it). */
  async declareUploadLength(id: string, length: number): Promise<void> {
    const db = await this.options.db();
    const declared = await db
      .update(resumableUploads)
      .set({ size: length })
      .where(and(eq(resumableUploads.id, id), isNull(resumableUploads.size), lte(resumableUploads.offset, length)))
      .returning({ id: resumableUploads.id });
    if (declared.length === 0) throw ERRORS.INVALID_LENGTH;
  }

  async remove(id: string): Promise<void> {
    const db = await this.options.db();
    const keys = await db.transaction(async (tx) => {
      // The row first: an append counting a part waits for this removal (and then finds no
      // upload), or has committed its part before the parts are read. No part is missed.
      const [held] = await tx.select({ id: resumableUploads.id }).from(resumableUploads).where(eq(resumableUploads.id, id)).for("update");
      if (!held) return null;
      const parts = await tx.select({ key: resumableUploadParts.key }).from(resumableUploadParts).where(eq(resumableUploadParts.uploadId, id));
      await tx.delete(resumableUploads).where(eq(resumableUploads.id, id));
      return parts.map((part) => part.key);
    });
    if (keys === null) throw ERRORS.FILE_NOT_FOUND;
    // The rows are gone first: a part left by a failed delete is never named again.
    const blobs = this.options.blobs();
    await Promise.all(keys.map((key) => blobs.deletePart(key).catch(() => {})));
  }

  /**
   * The finish of a whole upload, claimed by one request: `made` when it was finished already (the
   * evidence it made), `claimed` for the one request that finishes it now, `busy` while another
   * does (or, for FINISH_CLAIM_MS, did: a claim left by a crash is taken again after).
   */
  async claimFinish(id: string): Promise<{ outcome: "made"; evidenceId: string } | { outcome: "claimed" | "busy" }> {
    const db = await this.options.db();
    const [claimed] = await db
      .update(resumableUploads)
      .set({ finishingAt: sql`now()` })
      .where(finishable(id))
      .returning({ id: resumableUploads.id });
    if (claimed) return { outcome: "claimed" };
    const [row] = await db.select({ evidenceId: resumableUploads.evidenceId }).from(resumableUploads).where(eq(resumableUploads.id, id));
    return row?.evidenceId ? { outcome: "made", evidenceId: row.evidenceId } : { outcome: "busy" };
  }

  /** Finished: the upload names its evidence (a repeated final request is answered with it) and its parts go. */
  async markFinished(id: string, evidenceId: string): Promise<void> {
    const db = await this.options.db();
    const keys = await db.transaction(async (tx) => {
      await tx.update(resumableUploads).set({ evidenceId }).where(eq(resumableUploads.id, id));
      return (await tx.delete(resumableUploadParts).where(eq(resumableUploadParts.uploadId, id)).returning({ key: resumableUploadParts.key })).map((part) => part.key);
    });
    const blobs = this.options.blobs();
    await Promise.all(keys.map((key) => blobs.deletePart(key).catch(() => {})));
  }

  /** Whole, never finished, and not being finished: what a crash between the last body and its finish leaves. */
  async isStranded(id: string): Promise<boolean> {
    const db = await this.options.db();
    const [row] = await db
      .select({ id: resumableUploads.id })
      .from(resumableUploads)
      .where(finishable(id));
    return row !== undefined;
  }

  /** Unfinished uploads past their expiry, removed a page at a time. */
  async deleteExpired(): Promise<number> {
    const db = await this.options.db();
    const before = new Date(Date.now() - this.options.expiryMs);
    let removed = 0;
    for (;;) {
      const expired = await db.select({ id: resumableUploads.id }).from(resumableUploads).where(lt(resumableUploads.createdAt, before)).orderBy(asc(resumableUploads.createdAt)).limit(100);
      for (const { id } of expired) {
        await this.remove(id).then(
          () => (removed += 1),
          () => {},
        );
      }
      if (expired.length < 100) return removed;
    }
  }

  getExpiration(): number {
    return this.options.expiryMs;
  }
}

/** A person's unfinished uploads and the bytes each reserves, from the table (expired ones count for nothing). */
export async function heldInDatabase(db: Db, actorId: string, limits: UploadLimits, now = Date.now()): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: resumableUploads.id, size: resumableUploads.size })
    .from(resumableUploads)
    .where(and(eq(resumableUploads.ownerId, actorId), isNull(resumableUploads.evidenceId), sql`${resumableUploads.createdAt} > ${new Date(now - limits.expiryMs)}`))
    .limit(limits.maxOpenUploads + 1_000);
  return new Map(rows.map((row) => [row.id, row.size ?? limits.maxUploadBytes]));
}
