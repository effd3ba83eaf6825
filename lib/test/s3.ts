import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { S3BlobStore } from "@/lib/evidence/storage/s3-blob-store";

/**
 * A real S3-protocol server on loopback (s3rver, its files under `dir`) with the bucket
 * `evidence`, and the blob store that speaks to it: the tests' S3, not a mock of the SDK.
 * Close `server` after the tests.
 */
export async function startS3(dir: string): Promise<{ server: S3rver; store: S3BlobStore; endpoint: string }> {
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(dir, "s3") });
  const { port } = await server.run();
  const client = new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  await client.send(new CreateBucketCommand({ Bucket: "evidence" }));
  return { server, store: new S3BlobStore(client, "evidence"), endpoint: `http://127.0.0.1:${port}` };
}
