import "server-only";
import type { Db } from "@/db/connect";
import type { BlobStore } from "@/lib/evidence/storage/blob-store";
import { assertStoreHolds, copyBlobsIn } from "./blob-files";
import type { TBackupManifest } from "./manifest";
import { assertEmpty, matchSchema, RESTORE_BATCH_ROWS, restoreTables } from "./restore-tables";
import type { VerifiedBackup } from "./verify-backup";

export type RestoreSummary = { manifest: TBackupManifest; rows: number };

/**
 * Fill an empty, migrated instance from a backup that `verifyBackup` passed. In order, so a
 * refusal writes nothing: the schema must match and every table be empty; the blobs go into the
 * store next (checked one by one; a failure there leaves at most blobs no row names, which nobody
 * can see); then every row in one transaction that checks row counts, the audit chain and its
 * head against the manifest before it commits.
 *
 * No audit event is appended: the restored log is the original one, and its head hash must stay
 * the one outsiders may have pinned. Whoever runs this holds the database's own credentials, so
 * there is no actor to check.
 */
export async function restoreBackup(
  db: Db,
  store: BlobStore,
  backup: VerifiedBackup,
  {
    tempDir,
    log = () => {},
    batchRows = RESTORE_BATCH_ROWS,
  }: { tempDir: string; log?: (line: string) => void; batchRows?: number },
): Promise<RestoreSummary> {
  const { dir, manifest } = backup;
  const pairs = await matchSchema(db, manifest);
  await assertEmpty(db, pairs.map((p) => p.table));
  if (manifest.blobs.included) await copyBlobsIn(store, dir, tempDir, log);
  else {
    await assertStoreHolds(store, dir);
    log(`blob files: ${manifest.blobs.count} already in the ${store.kind} store, each checked against its SHA-256`);
  }
  await restoreTables(db, dir, manifest, { log, batchRows });
  return { manifest, rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0) };
}
