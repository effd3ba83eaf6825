import fs from "node:fs";
import fsp from "node:fs/promises";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { assertPartKey, type BlobStore, blobKey } from "./blob-store";

/** Blobs in an S3-compatible object store, so app servers keep no state of their own. */
export class S3BlobStore implements BlobStore {
  readonly kind = "s3" as const;
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async commit(tempPath: string, sha256: string, mediaType: string): Promise<void> {
    if (!(await this.has(sha256))) {
      const { size } = await fsp.stat(tempPath);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: blobKey(sha256),
          Body: fs.createReadStream(tempPath),
          ContentLength: size,
          ContentType: mediaType,
          // The store checks the bytes it received against the hash we computed.
          ChecksumSHA256: Buffer.from(sha256, "hex").toString("base64"),
        }),
      );
    }
    await fsp.rm(tempPath, { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: blobKey(sha256) }));
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return false;
      throw error;
    }
  }

  async openRead(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const result = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: blobKey(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    return result.Body as Readable;
  }

  async putPart(key: string, tempPath: string): Promise<void> {
    assertPartKey(key);
    const { size } = await fsp.stat(tempPath);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: fs.createReadStream(tempPath), ContentLength: size }));
    await fsp.rm(tempPath, { force: true });
  }

  async openPart(key: string): Promise<Readable> {
    assertPartKey(key);
    return (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))).Body as Readable;
  }

  async deletePart(key: string): Promise<void> {
    assertPartKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
