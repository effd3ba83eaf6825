import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { getBlobStore, tempDir } from "../storage/get-blob-store";

/** A local path to the blob for tools that need one (ffmpeg): the file itself, or a temp copy from S3. */
export async function withLocalBlob<T>(sha256: string, work: (file: string) => Promise<T>): Promise<T> {
  const store = getBlobStore();
  const local = store.localPath?.(sha256);
  if (local) return work(local);
  const copy = path.join(tempDir(), `${process.pid}-${randomUUID()}.part`);
  await pipeline(await store.openRead(sha256), fs.createWriteStream(copy));
  try {
    return await work(copy);
  } finally {
    await fsp.rm(copy, { force: true });
  }
}

/** Store bytes made from an original (a thumbnail, a keyframe) as a blob of their own. */
export async function storeDerivedBytes(bytes: Buffer, mediaType: string): Promise<{ sha256: string; size: number }> {
  const { createHash } = await import("node:crypto");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const temp = path.join(tempDir(), `${process.pid}-${randomUUID()}.part`);
  await fsp.writeFile(temp, bytes, { flag: "wx" });
  await getBlobStore().commit(temp, sha256, mediaType);
  return { sha256, size: bytes.length };
}
