import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ERRORS, Upload } from "@tus/utils";
import type S3rver from "s3rver";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../storage/blob-store";
import { FsBlobStore } from "../storage/fs-blob-store";
import type { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { startS3 } from "@/lib/test/s3";
import { useTestWorld } from "@/lib/test/world";
import { heldInDatabase, SharedUploadStore } from "./shared-upload-store";
import { newUploadId } from "./upload-allowance";

/**
 * The tus store several app servers share: the upload in the database, its bodies as parts in the
 * blob store (the filesystem's part space and S3's). Two stores on one database stand for two
 * servers. The topology with real servers and a 50 MB upload: e2e/security/faults-postgres-servers.spec.ts.
 */
const EXPIRY_MS = 60 * 60 * 1000;
const LIMITS = { maxOpenUploads: 3, maxReservedBytes: 10_000, maxUploadBytes: 5_000, expiryMs: EXPIRY_MS };
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A body that sends `bytes` and then, a moment later, fails, as a client that goes away does. */
function cutBody(bytes: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(bytes);
      setTimeout(() => this.destroy(new Error("the client went away")), 50);
    },
  });
}

const stores: { name: string; open: (dir: string) => Promise<{ blobs: BlobStore; close: () => Promise<void> }> }[] = [
  { name: "filesystem", open: async (dir) => ({ blobs: new FsBlobStore(path.join(dir, "blobs")), close: async () => {} }) },
  {
    name: "S3",
    open: async (dir) => {
      const { server, store } = await startS3(dir);
      return { blobs: store, close: () => new Promise<void>((resolve) => (server as S3rver).close(() => resolve())) };
    },
  },
];

describe.each(TEST_DRIVERS)("the shared upload store (%s)", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "editor"] });

  describe.each(stores)("parts in the $name store", ({ open }) => {
    let dir: string;
    let blobs: BlobStore;
    let close: () => Promise<void>;
    /** Two servers' stores on one database and one blob store. */
    let a: SharedUploadStore;
    let b: SharedUploadStore;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-shared-uploads-"));
      ({ blobs, close } = await open(dir));
      const tempDir = path.join(dir, "tmp");
      fs.mkdirSync(tempDir);
      const options = { db: async () => world.db, blobs: () => blobs, tempDir: () => tempDir, expiryMs: EXPIRY_MS };
      a = new SharedUploadStore(options);
      b = new SharedUploadStore(options);
    });
    afterAll(async () => {
      await close?.();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const created = (size: number | undefined) =>
      a.create(new Upload({ id: newUploadId(world.submitter.id), size, offset: 0, metadata: { actorId: world.submitter.id, claimId: "c", filename: "f.txt" } }));

    it("takes bodies on either server in turn, and reads the whole in order", async () => {
      const bytes = randomBytes(3_000);
      const upload = await created(bytes.length);
      expect(upload.creation_date).toBeTruthy();
      expect(await b.write(Readable.from([bytes.subarray(0, 1_000)]), upload.id, 0)).toBe(1_000);
      expect((await a.getUpload(upload.id)).offset).toBe(1_000);
      expect(await a.write(Readable.from([bytes.subarray(1_000, 2_500)]), upload.id, 1_000)).toBe(2_500);
      expect(await b.write(Readable.from([bytes.subarray(2_500)]), upload.id, 2_500)).toBe(3_000);
      const read = await readAll(a.read(upload.id));
      expect(sha256(read)).toBe(sha256(bytes));
      await b.remove(upload.id);
      await expect(a.getUpload(upload.id)).rejects.toBe(ERRORS.FILE_NOT_FOUND);
      await expect(a.remove(upload.id)).rejects.toBe(ERRORS.FILE_NOT_FOUND);
      if (blobs.kind === "fs") expect(fs.readdirSync(path.join(dir, "upload-parts", "uploads"))).toEqual([]);
    });

    it("lets one of two bodies for the same offset append, and drops the other's part (409)", async () => {
      const upload = await created(2_000);
      const results = await Promise.allSettled([a.write(Readable.from([randomBytes(1_000)]), upload.id, 0), b.write(Readable.from([randomBytes(1_000)]), upload.id, 0)]);
      expect(results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([1_000]);
      expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual([ERRORS.INVALID_OFFSET]);
      expect((await a.getUpload(upload.id)).offset).toBe(1_000);
      expect((await readAll(a.read(upload.id))).length).toBe(1_000);
      if (blobs.kind === "fs") expect(fs.readdirSync(path.join(dir, "upload-parts", "uploads", upload.id))).toHaveLength(1);
      await a.remove(upload.id);
    });

    it("refuses a body past the declared length and a stale offset, and takes a deferred length once", async () => {
      const upload = await created(1_000);
      await expect(a.write(Readable.from([randomBytes(1_001)]), upload.id, 0)).rejects.toBe(ERRORS.INVALID_OFFSET);
      await expect(a.write(Readable.from([randomBytes(10)]), upload.id, 5)).rejects.toBe(ERRORS.INVALID_OFFSET);
      expect((await a.getUpload(upload.id)).offset).toBe(0);
      await a.remove(upload.id);

      const deferred = await created(undefined);
      expect((await b.getUpload(deferred.id)).size).toBeUndefined();
      expect(await b.write(Readable.from([randomBytes(700)]), deferred.id, 0)).toBe(700);
      await a.declareUploadLength(deferred.id, 900);
      await expect(a.declareUploadLength(deferred.id, 5_000)).rejects.toBe(ERRORS.INVALID_LENGTH);
      expect((await b.getUpload(deferred.id)).size).toBe(900);
      await a.remove(deferred.id);
    });

    it("finishes once: the request that claims it; a repeat is told the evidence made, or to wait", async () => {
      const upload = await created(100);
      expect(await a.claimFinish(upload.id)).toEqual({ outcome: "busy" }); // not whole yet: nothing to finish
      await a.write(Readable.from([randomBytes(100)]), upload.id, 0);
      expect(await b.isStranded(upload.id)).toBe(true);
      expect(await a.claimFinish(upload.id)).toEqual({ outcome: "claimed" });
      expect(await b.claimFinish(upload.id)).toEqual({ outcome: "busy" });
      expect(await b.isStranded(upload.id)).toBe(false);
      const [someEvidence] = await world.db.execute(sql`select gen_random_uuid() as id`).then((r) => (r as unknown as { rows: { id: string }[] }).rows);
      await a.markFinished(upload.id, someEvidence.id);
      expect(await b.claimFinish(upload.id)).toEqual({ outcome: "made", evidenceId: someEvidence.id });
      // Whole, named, its parts gone, and no longer holding the person's place.
      expect((await b.getUpload(upload.id)).offset).toBe(100);
      expect(await readAll(b.read(upload.id))).toEqual(Buffer.alloc(0));
      expect((await heldInDatabase(world.db, world.submitter.id, LIMITS)).has(upload.id)).toBe(false);
      if (blobs.kind === "fs") expect(fs.existsSync(path.join(dir, "upload-parts", "uploads", upload.id))).toBe(false);
      await a.remove(upload.id);
    });

    it("holds a person's open uploads to the limit across servers: of two racing creations for the last place, one is made", async () => {
      const options = { db: async () => world.db, blobs: () => blobs, tempDir: () => path.join(dir, "tmp"), expiryMs: EXPIRY_MS, limits: { ...LIMITS, maxReservedBytes: 1e12 } };
      const [one, two] = [new SharedUploadStore(options), new SharedUploadStore(options)];
      const owner = world.editor.id;
      const upload = () => new Upload({ id: newUploadId(owner), size: 10, offset: 0, metadata: { actorId: owner } });
      await one.create(upload());
      await two.create(upload());
      const raced = await Promise.allSettled([one.create(upload()), two.create(upload())]);
      expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refusal = (raced.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as AppError;
      expect(refusal.code).toBe("RATE_LIMITED");
      expect((await heldInDatabase(world.db, owner, LIMITS)).size).toBe(3);
    });

    it("takes a body that ends badly after its last byte as the upload's end", async () => {
      const upload = await created(600);
      const bytes = randomBytes(600);
      expect(await a.write(cutBody(bytes), upload.id, 0)).toBe(600);
      expect(await b.isStranded(upload.id)).toBe(true);
      expect(sha256(await readAll(b.read(upload.id)))).toBe(sha256(bytes));
      await a.remove(upload.id);
    });

    it("never declares a length below what arrived", async () => {
      const deferred = await created(undefined);
      await b.write(Readable.from([randomBytes(20)]), deferred.id, 0);
      await expect(a.declareUploadLength(deferred.id, 12)).rejects.toBe(ERRORS.INVALID_LENGTH);
      expect((await a.getUpload(deferred.id)).size).toBeUndefined();
      await a.remove(deferred.id);
    });

    it("keeps what arrived of a body cut short, and says the write failed", async () => {
      const upload = await created(2_000);
      const arrived = randomBytes(600);
      await expect(a.write(cutBody(arrived), upload.id, 0)).rejects.toBe(ERRORS.FILE_WRITE_ERROR);
      expect((await b.getUpload(upload.id)).offset).toBe(600);
      expect(sha256(await readAll(b.read(upload.id)))).toBe(sha256(arrived));
      await a.remove(upload.id);
    });

    it("counts a person's unfinished uploads for the allowance, and removes expired ones with their parts", async () => {
      const first = await created(1_000);
      const second = await created(undefined);
      const held = await heldInDatabase(world.db, world.submitter.id, LIMITS);
      expect(held.get(first.id)).toBe(1_000);
      expect(held.get(second.id)).toBe(LIMITS.maxUploadBytes);
      await a.write(Readable.from([randomBytes(100)]), first.id, 0);
      // An hour and a minute later, both have expired: they count for nothing and the sweep removes them.
      expect((await heldInDatabase(world.db, world.submitter.id, LIMITS, Date.now() + EXPIRY_MS + 60_000)).size).toBe(0);
      const later = new SharedUploadStore({ db: async () => world.db, blobs: () => blobs, tempDir: () => path.join(dir, "tmp"), expiryMs: -60_000 });
      expect(await later.deleteExpired()).toBeGreaterThanOrEqual(2);
      await expect(a.getUpload(first.id)).rejects.toBe(ERRORS.FILE_NOT_FOUND);
      if (blobs.kind === "fs") expect(fs.existsSync(path.join(dir, "upload-parts", "uploads", first.id))).toBe(false);
    });
  });
});
