import type { Readable } from "node:stream";

/**
 * Where preserved bytes live, addressed by SHA-256. `commit` moves a fully written, hashed temp
 * file into the store (once: the same bytes are stored once) and only then may a database row
 * name the hash.
 */
export interface BlobStore {
  readonly kind: "fs" | "s3";
  /**
   * The blob's own file, where the store keeps blobs on a local filesystem, for tools that need a
   * path (ffmpeg); absent where they are elsewhere. Asked of the store rather than its class: the
   * server bundle may hold two copies of a store's module, and `instanceof` is then false.
   */
  localPath?(sha256: string): string;
  commit(tempPath: string, sha256: string, mediaType: string): Promise<void>;
  has(sha256: string): Promise<boolean>;
  /** The blob's bytes, or only those from `range.start` to `range.end` (both included; ../../http/ranges.ts). */
  openRead(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /**
   * The part space: objects by key (`partKey`), never blobs — the bodies of a resumable upload
   * while it is unfinished, where every app server reads them (lib/evidence/resumable/shared-upload-store.ts).
   * `putPart` moves a written temp file in whole.
   */
  putPart(key: string, tempPath: string): Promise<void>;
  openPart(key: string): Promise<Readable>;
  /** Gone, or never there: both are fine. */
  deletePart(key: string): Promise<void>;
}

/** The part object of one body of an upload: `uploads/<upload id>/<offset>-<random>` (the random part keeps two servers' racing bodies apart). */
export function partKey(uploadId: string, offset: number, nonce: string): string {
  const key = `uploads/${uploadId}/${offset}-${nonce}`;
  assertPartKey(key);
  return key;
}

export function assertPartKey(key: string): void {
  if (!/^uploads\/[\w-]{1,100}\/\d{1,16}-[0-9a-f]{8,64}$/.test(key)) throw new Error("Not a part key");
}

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** blobs/ab/cd/<sha256>: two levels keep any one folder small. */
export function blobKey(sha256: string): string {
  if (!isSha256(sha256)) throw new Error("Not a SHA-256");
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
