import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type S3rver from "s3rver";
import { startS3 } from "@/lib/test/s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S3BlobStore } from "./s3-blob-store";

/** Against a real S3-protocol server on loopback (s3rver), not a mock of the SDK. */
describe("S3BlobStore", () => {
  let server: S3rver;
  let store: S3BlobStore;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-s3-"));

  beforeAll(async () => {
    const s3 = await startS3(dir);
    server = s3.server;
    store = s3.store;
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("commits a temp file under its hash once, and reads it back", async () => {
    const bytes = Buffer.from("preserved bytes ".repeat(10_000));
    const sha = createHash("sha256").update(bytes).digest("hex");
    const temp = path.join(dir, "upload.part");
    fs.writeFileSync(temp, bytes);
    expect(await store.has(sha)).toBe(false);
    await store.commit(temp, sha, "text/plain");
    expect(fs.existsSync(temp)).toBe(false);
    expect(await store.has(sha)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.openRead(sha)) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);

    fs.writeFileSync(temp, bytes);
    await store.commit(temp, sha, "text/plain"); // the same bytes again: nothing uploaded, temp removed
    expect(fs.existsSync(temp)).toBe(false);
  });
});
