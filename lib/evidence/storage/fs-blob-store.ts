import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { assertPartKey, type BlobStore, blobKey } from "./blob-store";

async function fsyncPath(target: string, flags: "r" | "r+" = "r") {
  const handle = await fsp.open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Blobs on a local (or mounted) filesystem, under `root`. Temp files must be on the same filesystem. */
export class FsBlobStore implements BlobStore {
  readonly kind = "fs" as const;
  /** Parts sit beside the blobs, never among them: `<data>/upload-parts/<key>`. */
  private readonly partsRoot: string;
  constructor(private readonly root: string) {
    this.partsRoot = path.join(path.dirname(root), "upload-parts");
  }

  private partPath(key: string): string {
    assertPartKey(key);
    return path.join(this.partsRoot, key);
  }

  async putPart(key: string, tempPath: string): Promise<void> {
    const target = this.partPath(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsyncPath(tempPath, "r+");
    await fsp.rename(tempPath, target);
  }

  async openPart(key: string): Promise<Readable> {
    const target = this.partPath(key);
    await fsp.access(target);
    return fs.createReadStream(target);
  }

  async deletePart(key: string): Promise<void> {
    const target = this.partPath(key);
    await fsp.rm(target, { force: true });
    // The upload's folder goes with its last part.
    await fsp.rmdir(path.dirname(target)).catch(() => {});
  }

  localPath(sha256: string): string {
    return path.join(this.root, blobKey(sha256));
  }

  async commit(tempPath: string, sha256: string): Promise<void> {
    const target = this.localPath(sha256);
    if (await this.has(sha256)) {
      await fsp.rm(tempPath, { force: true });
      return;
    }
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsyncPath(tempPath, "r+");
    // rename is atomic: the blob is either absent or whole, never half-written.
    await fsp.rename(tempPath, target);
    await fsyncPath(path.dirname(target));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fsp.access(this.localPath(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async openRead(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const target = this.localPath(sha256);
    await fsp.access(target);
    return fs.createReadStream(target, range ? { start: range.start, end: range.end } : {});
  }
}
