import "server-only";
import fs from "node:fs";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { dataDir, env } from "@/lib/env";
import type { BlobStore } from "./blob-store";
import { FsBlobStore } from "./fs-blob-store";
import { S3BlobStore } from "./s3-blob-store";

const globalForBlobs = globalThis as unknown as { corroborateBlobStore?: BlobStore };

/** Temp files for incoming bytes: local, beside the filesystem store so commit is a rename. */
export function tempDir(): string {
  const dir = path.join(dataDir(), "blobs", "tmp");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function getBlobStore(): BlobStore {
  if (!globalForBlobs.corroborateBlobStore) {
    if (env.BLOB_STORE === "s3") {
      if (!env.S3_BUCKET) throw new Error("BLOB_STORE=s3 needs S3_BUCKET");
      const client = new S3Client({
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        // Many S3-compatible stores do not speak the SDK's default streaming checksums; we send
        // the SHA-256 we computed ourselves (ChecksumSHA256) instead.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
            : undefined,
      });
      globalForBlobs.corroborateBlobStore = new S3BlobStore(client, env.S3_BUCKET);
    } else {
      globalForBlobs.corroborateBlobStore = new FsBlobStore(path.join(dataDir(), "blobs"));
    }
  }
  return globalForBlobs.corroborateBlobStore;
}
