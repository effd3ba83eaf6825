import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type S3rver from "s3rver";
import { startS3 } from "@/lib/test/s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "./blob-store";
import { FsBlobStore } from "./fs-blob-store";

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Ranged reads from both stores: the filesystem and a real S3-protocol server on loopback (s3rver). */
describe.each(["fs", "s3"] as const)("ranged reads from the %s blob store", (kind) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corroborate-ranges-${kind}-`));
  let server: S3rver | undefined;
  let store: BlobStore;
  // Every byte differs from its neighbours, so an off-by-one shows.
  const bytes = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));
  const sha = createHash("sha256").update(bytes).digest("hex");

  beforeAll(async () => {
    if (kind === "s3") {
      const s3 = await startS3(dir);
      server = s3.server;
      store = s3.store;
    } else {
      store = new FsBlobStore(path.join(dir, "blobs"));
    }
    const temp = path.join(dir, "upload.part");
    fs.writeFileSync(temp, bytes);
    await store.commit(temp, sha, "application/octet-stream");
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the first bytes, the middle, the last and the whole", async () => {
    expect((await readAll(await store.openRead(sha, { start: 0, end: 99 }))).equals(bytes.subarray(0, 100))).toBe(true);
    expect((await readAll(await store.openRead(sha, { start: 40_000, end: 40_999 }))).equals(bytes.subarray(40_000, 41_000))).toBe(true);
    expect((await readAll(await store.openRead(sha, { start: 99_500, end: 99_999 }))).equals(bytes.subarray(99_500))).toBe(true);
    expect((await readAll(await store.openRead(sha, { start: 12_345, end: 12_345 }))).equals(bytes.subarray(12_345, 12_346))).toBe(true);
    expect((await readAll(await store.openRead(sha))).equals(bytes)).toBe(true);
  });
});
