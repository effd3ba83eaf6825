import { z } from "zod";

/**
 * A backup folder:
 *
 *   manifest.json          this file's schema; written last, so a folder without it is no backup
 *   tables/<table>.jsonl   one row per line, each the database's own `to_jsonb(row)` text
 *   blob-manifest.jsonl    the blob manifest: every blob the database names, with size and type
 *   blobs/ab/cd/<sha256>   the bytes, when the store is local (or --with-blobs)
 *
 * The format is logical and driver-neutral: a backup of the embedded database restores into
 * PostgreSQL and the other way round.
 */
export const BACKUP_FORMAT = "corroborate-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";
export const BLOB_MANIFEST_FILE = "blob-manifest.jsonl";
export const TABLES_DIR = "tables";
export const BLOBS_DIR = "blobs";

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, "Not a SHA-256");
const ZCount = z.number().int().nonnegative();

export const ZBackupColumn = z.object({ name: z.string().min(1), type: z.string().min(1) });

export const ZBackupTable = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/, "Not a table name"),
  file: z.string().regex(/^tables\/[a-z_][a-z0-9_]*\.jsonl$/, "Not a table file"),
  rows: ZCount,
  bytes: ZCount,
  sha256: ZSha256,
  columns: z.array(ZBackupColumn).min(1),
});

export const ZBackupSequence = z.object({
  table: z.string().min(1),
  column: z.string().min(1),
  lastValue: z.number().int(),
  isCalled: z.boolean(),
});

export const ZBackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  source: z.object({ driver: z.enum(["pglite", "postgres"]), blobStore: z.enum(["fs", "s3"]) }),
  // The last migration applied to the database: a backup restores into the same schema only.
  migration: z.object({ tag: z.string().nullable(), createdAt: z.number().int() }),
  audit: z.object({
    events: ZCount,
    head: z.object({ seq: z.number().int().positive(), hash: ZSha256 }).nullable(),
    chainVerified: z.boolean(),
    firstBroken: z.number().int().nullable(),
  }),
  // In restore order: every table after the tables its foreign keys point at.
  tables: z.array(ZBackupTable).min(1),
  sequences: z.array(ZBackupSequence),
  blobs: z.object({
    file: z.literal(BLOB_MANIFEST_FILE),
    sha256: ZSha256,
    count: ZCount,
    bytes: ZCount,
    included: z.boolean(),
  }),
});

/** One line of blob-manifest.jsonl. */
export const ZBlobEntry = z.object({ sha256: ZSha256, size: ZCount, mediaType: z.string() });

export type TBackupManifest = z.infer<typeof ZBackupManifest>;
export type TBackupTable = z.infer<typeof ZBackupTable>;
export type TBackupColumn = z.infer<typeof ZBackupColumn>;
export type TBackupSequence = z.infer<typeof ZBackupSequence>;
export type TBlobEntry = z.infer<typeof ZBlobEntry>;
