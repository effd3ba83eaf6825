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
}

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** blobs/ab/cd/<sha256>: two levels keep any one folder small. */
export function blobKey(sha256: string): string {
  if (!isSha256(sha256)) throw new Error("Not a SHA-256");
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
