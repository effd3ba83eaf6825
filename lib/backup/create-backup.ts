import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/connect";
import type { BlobStore } from "@/lib/evidence/storage/blob-store";
import { AppError } from "@/lib/errors/app-error";
import { formatBytes } from "@/lib/evidence/receive-format";
import { copyBlobsOut } from "./blob-files";
import { DUMP_FETCH_ROWS, dumpDatabase } from "./dump-tables";
import { DIR_MODE, syncFile, writeFileAtomically } from "./files";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BLOB_MANIFEST_FILE,
  MANIFEST_FILE,
  TABLES_DIR,
  type TBackupManifest,
} from "./manifest";

export type BackupSummary = { dir: string; manifest: TBackupManifest; manifestSha256: string };

/**
 * The folder a backup goes to: new, or empty. A folder with anything in it is refused, so a
 * backup never overwrites another (nor mixes its files with one).
 */
export function assertBackupTarget(out: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only the last folder is created: a mistyped path makes no tree of folders.
    if (code === "ENOENT" && fs.existsSync(path.dirname(path.resolve(out)))) return;
    if (code === "ENOENT") throw new AppError("NOT_FOUND", `${path.dirname(path.resolve(out))} does not exist; create it first.`);
    if (code === "ENOTDIR") throw new AppError("CONFLICT", `${out} is a file, not a folder.`);
    throw error;
  }
  if (entries.length === 0) return;
  const what = entries.includes(MANIFEST_FILE) ? "already holds a backup" : "is not empty";
  throw new AppError("CONFLICT", `${out} ${what}; a backup never overwrites. Choose a new folder.`);
}

/**
 * Write a consistent snapshot of the instance to `out`: every table as JSON lines from one
 * database snapshot, the blob manifest, and — when `includeBlobs` — the blobs themselves, each
 * checked against its SHA-256. The manifest (hashes of every file, row counts, the audit head) is
 * written last and atomically: its presence is what makes the folder a backup.
 */
export async function createBackup(
  database: Database,
  store: BlobStore,
  {
    out,
    includeBlobs,
    log = () => {},
    fetchRows = DUMP_FETCH_ROWS,
  }: { out: string; includeBlobs: boolean; log?: (line: string) => void; fetchRows?: number },
): Promise<BackupSummary> {
  assertBackupTarget(out);
  const dir = path.resolve(out);
  await fsp.mkdir(dir, { mode: DIR_MODE }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await fsp.chmod(dir, DIR_MODE);
  await fsp.mkdir(path.join(dir, TABLES_DIR), { mode: DIR_MODE });
  const createdAt = new Date().toISOString();
  const dumped = await dumpDatabase(database.db, dir, { log, fetchRows });
  if (includeBlobs) {
    const copied = await copyBlobsOut(store, dir, log);
    log(`blob files: ${copied} copied (${formatBytes(dumped.blobs.bytes)}), each checked against its SHA-256`);
  } else {
    log(`blob files: ${dumped.blobs.count} listed, not copied (the ${store.kind} store is backed up by its own means)`);
  }
  const manifest: TBackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt,
    source: { driver: database.driver, blobStore: store.kind },
    migration: dumped.migration,
    audit: dumped.audit,
    tables: dumped.tables,
    sequences: dumped.sequences,
    blobs: { file: BLOB_MANIFEST_FILE, ...dumped.blobs, included: includeBlobs },
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await syncFile(path.join(dir, TABLES_DIR));
  await writeFileAtomically(path.join(dir, MANIFEST_FILE), text);
  return { dir, manifest, manifestSha256: createHash("sha256").update(text).digest("hex") };
}
