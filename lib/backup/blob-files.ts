import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { blobKey, type BlobStore } from "@/lib/evidence/storage/blob-store";
import { AppError } from "@/lib/errors/app-error";
import { hashStream, readLines, tempFileIn } from "./files";
import { BLOB_MANIFEST_FILE, BLOBS_DIR, type TBlobEntry, ZBlobEntry } from "./manifest";

const SHOWN_PROBLEMS = 5;

/** The entries of a backup's blob manifest, one at a time. */
export async function* readBlobManifest(dir: string): AsyncGenerator<TBlobEntry> {
  for await (const line of readLines(path.join(dir, BLOB_MANIFEST_FILE))) {
    const parsed = ZBlobEntry.safeParse(JSON.parse(line));
    if (!parsed.success) throw new AppError("INVALID_STATE", `${BLOB_MANIFEST_FILE} has a line that is not a blob entry.`);
    yield parsed.data;
  }
}

export function blobFileIn(dir: string, sha256: string): string {
  return path.join(dir, BLOBS_DIR, blobKey(sha256));
}

/** Collects what is wrong with blobs, to refuse once with all of it rather than at the first. */
export class BlobProblems {
  private readonly problems: string[] = [];
  add(entry: TBlobEntry, problem: string) {
    this.problems.push(`${entry.sha256.slice(0, 12)}… (${entry.size} bytes): ${problem}`);
  }
  throwIfAny(what: string) {
    if (this.problems.length === 0) return;
    const more = this.problems.length > SHOWN_PROBLEMS ? `; and ${this.problems.length - SHOWN_PROBLEMS} more` : "";
    throw new AppError("INVALID_STATE", `${what}: ${this.problems.length} blob(s) missing or altered — ${this.problems.slice(0, SHOWN_PROBLEMS).join("; ")}${more}.`);
  }
}

export function describeMismatch(entry: TBlobEntry, actual: { sha256: string; bytes: number }): string | null {
  if (actual.bytes !== entry.size) return `${actual.bytes} bytes where ${entry.size} were recorded`;
  if (actual.sha256 !== entry.sha256) return "its bytes do not hash to its name";
  return null;
}

/** Read a blob from a store and hash it (optionally writing it to `to`): null when it is absent. */
export async function hashStoredBlob(store: BlobStore, sha256: string, to?: string) {
  if (!(await store.has(sha256))) return null;
  return hashStream(await store.openRead(sha256), to);
}

/**
 * Copy every blob of the manifest out of the store into the backup, checking each one's SHA-256
 * and size on the way: a backup never carries bytes that differ from what the database names.
 * Blobs are immutable and never deleted, so reading them after the database snapshot is
 * consistent with it.
 */
export async function copyBlobsOut(store: BlobStore, dir: string, log: (line: string) => void) {
  const problems = new BlobProblems();
  let copied = 0;
  for await (const entry of readBlobManifest(dir)) {
    const actual = await hashStoredBlob(store, entry.sha256, blobFileIn(dir, entry.sha256));
    const problem = actual ? describeMismatch(entry, actual) : `not in the ${store.kind} store`;
    if (problem) problems.add(entry, problem);
    else if (++copied % 1000 === 0) log(`blob files: ${copied} copied…`);
  }
  problems.throwIfAny("The blob store does not hold what the database names");
  return copied;
}

/**
 * Backup without blobs (the S3 case): the target store must already hold every blob, byte for
 * byte. Checked before anything is written.
 */
export async function assertStoreHolds(store: BlobStore, dir: string) {
  const problems = new BlobProblems();
  for await (const entry of readBlobManifest(dir)) {
    const actual = await hashStoredBlob(store, entry.sha256);
    const problem = actual ? describeMismatch(entry, actual) : `not in the ${store.kind} store, and the backup does not carry it`;
    if (problem) problems.add(entry, problem);
  }
  problems.throwIfAny("The blob store lacks what the backup names; nothing was restored");
}

/**
 * Blobs into the target store before any row names them (the app's rule): each copied to a temp
 * file beside the store while hashed, and committed only when its hash and size match. A blob the
 * store already holds is read and checked instead: one name, one content.
 */
export async function copyBlobsIn(store: BlobStore, dir: string, tempDir: string, log: (line: string) => void) {
  const problems = new BlobProblems();
  let copied = 0;
  let present = 0;
  await fsp.mkdir(tempDir, { recursive: true });
  for await (const entry of readBlobManifest(dir)) {
    const existing = await hashStoredBlob(store, entry.sha256);
    if (existing) {
      const problem = describeMismatch(entry, existing);
      if (problem) problems.add(entry, `the store already holds different bytes under this name (${problem})`);
      else present += 1;
      continue;
    }
    const temp = tempFileIn(tempDir);
    try {
      const actual = await hashStream(fs.createReadStream(blobFileIn(dir, entry.sha256)), temp);
      const problem = describeMismatch(entry, actual);
      if (problem) problems.add(entry, problem);
      else {
        await store.commit(temp, entry.sha256, entry.mediaType);
        copied += 1;
        if (copied % 1000 === 0) log(`blob files: ${copied} copied…`);
      }
    } finally {
      await fsp.rm(temp, { force: true });
    }
  }
  problems.throwIfAny("Blobs could not be restored; no rows were written");
  log(`blob files: ${copied} copied into the ${store.kind} store${present > 0 ? `, ${present} already there` : ""}, each checked against its SHA-256`);
}
