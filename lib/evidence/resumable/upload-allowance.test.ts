import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { Upload } from "@tus/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { heldOnDisk, newUploadId, ownerTag, UploadAllowance, type UploadLimits } from "./upload-allowance";

const MB = 1024 * 1024;
const limits: UploadLimits = { maxOpenUploads: 3, maxReservedBytes: 10 * MB, maxUploadBytes: 4 * MB, expiryMs: 60_000 };

let directory: string;
let store: FileStore;

// A folder per test, all removed once the file is done: FileStore's constructor makes its folder
// in the background (an fs.mkdir it does not wait for, and throws from), so removing a test's
// folder as the test ends could race it and end the run with ENOENT (it did once in CI).
const folders = fs.mkdtempSync(path.join(os.tmpdir(), "tus-allowance-"));
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(folders, "test-"));
  store = new FileStore({ directory, expirationPeriodInMilliseconds: limits.expiryMs });
});

afterAll(() => {
  fs.rmSync(folders, { recursive: true, force: true });
});

/** An upload as tus creates it: the data file and its JSON description, named for `actorId`. */
async function created(actorId: string, size: number | undefined, createdAt = new Date()): Promise<string> {
  const id = newUploadId(actorId);
  await store.create(new Upload({ id, size, offset: 0, metadata: { actorId }, creation_date: createdAt.toISOString() }));
  return id;
}

describe("heldOnDisk", () => {
  it("counts a person's unfinished uploads and the bytes their lengths reserve, from tus's own files", async () => {
    const a = await created("alice", 2 * MB);
    const b = await created("alice", undefined); // deferred: reserves all it may grow to
    await created("bob", 3 * MB);
    const held = await heldOnDisk(directory, "alice", limits);
    expect(Object.fromEntries(held)).toEqual({ [a]: 2 * MB, [b]: 4 * MB });
    expect(a.startsWith(`${ownerTag("alice")}-`)).toBe(true);
    expect(a).not.toContain("alice");
  });

  it("an expired upload counts for nothing, and a removed one is gone from the count", async () => {
    await created("alice", MB, new Date(Date.now() - limits.expiryMs - 1000));
    const live = await created("alice", MB);
    expect([...(await heldOnDisk(directory, "alice", limits)).keys()]).toEqual([live]);
    await store.remove(live);
    expect((await heldOnDisk(directory, "alice", limits)).size).toBe(0);
  });

  it("a folder not made yet holds nothing", async () => {
    expect((await heldOnDisk(path.join(directory, "none"), "alice", limits)).size).toBe(0);
  });
});

describe("UploadAllowance", () => {
  it("refuses a creation past the open uploads with 429, saying how many and how to free one", async () => {
    const allowance = new UploadAllowance(directory, limits);
    for (let i = 0; i < 3; i++) await created("alice", 1);
    const refusal = allowance.reserve("alice", newUploadId("alice"), 1);
    await expect(refusal).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(refusal).rejects.toThrow(/You have 3 unfinished uploads.*Finish or cancel one of them/);
    await expect(allowance.reserve("bob", newUploadId("bob"), 1)).resolves.toBeUndefined();
  });

  it("refuses a creation past the reserved bytes with 413, a deferred length counted at the file limit", async () => {
    const allowance = new UploadAllowance(directory, limits);
    await created("alice", 4 * MB);
    await created("alice", 4 * MB);
    await expect(allowance.reserve("alice", newUploadId("alice"), undefined)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await expect(allowance.reserve("alice", newUploadId("alice"), 2 * MB + 1)).rejects.toThrow(/Your 2 unfinished uploads reserve 8\.0 MB; this one \(2\.0 MB\) would pass the 10 MB/);
    await expect(allowance.reserve("alice", newUploadId("alice"), 2 * MB)).resolves.toBeUndefined();
  });

  it("creations racing at once: exactly the free places pass, each counted until its request ends", async () => {
    const allowance = new UploadAllowance(directory, limits);
    await created("alice", 1);
    const ids = Array.from({ length: 10 }, () => newUploadId("alice"));
    const results = await Promise.allSettled(ids.map((id) => allowance.reserve("alice", id, 1)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    // The two reserved but not yet on disk still hold their places; released, they free them.
    await expect(allowance.reserve("alice", newUploadId("alice"), 1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    ids.forEach((id) => allowance.release("alice", id));
    await expect(allowance.reserve("alice", newUploadId("alice"), 1)).resolves.toBeUndefined();
  });

  it("a reservation whose upload is on disk is counted once", async () => {
    const allowance = new UploadAllowance(directory, { ...limits, maxOpenUploads: 2 });
    const id = newUploadId("alice");
    await allowance.reserve("alice", id, 1);
    await store.create(new Upload({ id, size: 1, offset: 0, metadata: {} }));
    await expect(allowance.reserve("alice", newUploadId("alice"), 1)).resolves.toBeUndefined();
  });
});
