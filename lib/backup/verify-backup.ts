import "server-only";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { BlobProblems, blobFileIn, describeMismatch, readBlobManifest } from "./blob-files";
import { hashFile } from "./files";
import { MANIFEST_FILE, type TBackupManifest, ZBackupManifest } from "./manifest";

export type VerifiedBackup = { dir: string; manifest: TBackupManifest };

function readManifest(dir: string): TBackupManifest {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new AppError("NOT_FOUND", `${dir} holds no backup (no ${MANIFEST_FILE}; an interrupted backup has none).`);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_STATE", `${MANIFEST_FILE} in ${dir} is not JSON.`);
  }
  const parsed = ZBackupManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_STATE", `${MANIFEST_FILE} is not a Corroborate backup manifest of a known version (${issue.path.join(".") || "root"}: ${issue.message}).`);
  }
  return parsed.data;
}

async function assertFile(dir: string, file: string, expected: { sha256: string; bytes?: number }) {
  let actual: { sha256: string; bytes: number };
  try {
    actual = await hashFile(path.join(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new AppError("INVALID_STATE", `The backup lacks ${file}.`);
    throw error;
  }
  if (actual.sha256 !== expected.sha256 || (expected.bytes !== undefined && actual.bytes !== expected.bytes)) {
    throw new AppError("INVALID_STATE", `${file} does not match its SHA-256 in the manifest: the backup was altered or damaged. Nothing was restored.`);
  }
}

/**
 * Check a backup before anything is restored from it: the manifest parses, every table file and
 * the blob manifest hash to what the manifest says, and every blob it carries hashes to its name.
 * A tampered or incomplete backup is refused here, with nothing written anywhere.
 */
export async function verifyBackup(from: string): Promise<VerifiedBackup> {
  const dir = path.resolve(from);
  const manifest = readManifest(dir);
  const names = manifest.tables.map((t) => t.name);
  if (new Set(names).size !== names.length || manifest.tables.some((t) => t.file !== `tables/${t.name}.jsonl`)) {
    throw new AppError("INVALID_STATE", `${MANIFEST_FILE} lists a table twice or under another file's name.`);
  }
  for (const table of manifest.tables) await assertFile(dir, table.file, table);
  // (manifest.blobs.bytes counts the blobs' bytes, not this file's)
  await assertFile(dir, manifest.blobs.file, { sha256: manifest.blobs.sha256 });
  let count = 0;
  let bytes = 0;
  const problems = new BlobProblems();
  for await (const entry of readBlobManifest(dir)) {
    count += 1;
    bytes += entry.size;
    if (!manifest.blobs.included) continue;
    const actual = await hashFile(blobFileIn(dir, entry.sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    const problem = actual ? describeMismatch(entry, actual) : "missing from the backup";
    if (problem) problems.add(entry, problem);
  }
  if (count !== manifest.blobs.count || bytes !== manifest.blobs.bytes) {
    throw new AppError("INVALID_STATE", `${manifest.blobs.file} does not list the blobs the manifest counts.`);
  }
  problems.throwIfAny("The backup is incomplete; nothing was restored");
  return { dir, manifest };
}
