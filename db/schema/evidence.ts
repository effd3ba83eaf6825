import { type AnyPgColumn, bigint, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { DISCLOSURE_VALUES } from "./enums";
import { claims } from "./claims";
import { users } from "./users";

/** Preserved bytes, content-addressed: one row per distinct SHA-256, whatever claims hold them. */
export const blobs = pgTable("blobs", {
  sha256: text("sha256").primaryKey(),
  size: bigint("size", { mode: "number" }).notNull(),
  mediaType: text("media_type").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * One piece of preserved material attached to a claim. The original filename is metadata only.
 * `blobSha256` is null only while a page capture has not finished, or after it failed for good
 * (`captureError` then says why, in words a person can read): no row ever points at a blob that is
 * not stored. A withdrawn item (`withdrawnAt`) stays, with its bytes and its custody trail, but no
 * longer counts for its claim (lib/evidence/status.ts).
 */
export const evidence = pgTable(
  "evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    blobSha256: text("blob_sha256").references(() => blobs.sha256),
    // `frame`: a still saved from a video item at a moment (`derivedFromId`, `derivedAtMs`).
    intake: text("intake", { enum: ["upload", "resumable", "capture", "frame"] }).notNull(),
    originalFilename: text("original_filename"),
    sourceUrl: text("source_url"),
    // Who published it, and who it reached us through (sources; see db/schema/sources.ts).
    publishedBySourceId: uuid("published_by_source_id"),
    obtainedViaSourceId: uuid("obtained_via_source_id"),
    // Original footage or a named on-site witness, as opposed to a relay.
    isFirstHand: boolean("is_first_hand").notNull().default(false),
    mediaType: text("media_type"),
    size: bigint("size", { mode: "number" }),
    addedById: uuid("added_by_id")
      .notNull()
      .references(() => users.id),
    addedAt: timestamp("added_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    capturedAt: timestamp("captured_at", { withTimezone: true, precision: 3 }),
    isGraphic: boolean("is_graphic").notNull().default(false),
    hasPersonalData: boolean("has_personal_data").notNull().default(false),
    sensitivityReviewedById: uuid("sensitivity_reviewed_by_id").references(() => users.id),
    sensitivityReviewedAt: timestamp("sensitivity_reviewed_at", { withTimezone: true, precision: 3 }),
    metadata: jsonb("metadata").notNull().default({}),
    /** What the metadata lacks or left out, as codes the page says in its language (lib/evidence/metadata-notes.ts); null: nothing to say. */
    metadataNotes: jsonb("metadata_notes").$type<{ code: string; paths?: string[]; text?: string }[]>(),
    phash: text("phash"),
    processing: jsonb("processing").notNull().default({}),
    captureError: text("capture_error"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, precision: 3 }),
    withdrawnById: uuid("withdrawn_by_id").references(() => users.id),
    withdrawalReason: text("withdrawal_reason"),
    /** A frame grab's video, and the moment in it (milliseconds) the still was taken at. */
    derivedFromId: uuid("derived_from_id").references((): AnyPgColumn => evidence.id),
    derivedAtMs: integer("derived_at_ms"),
    /**
     * The item's commitment (issue 23): HMAC-SHA-256 of its bytes under `commitmentKey`, a random
     * 256-bit key of this item alone (hex), computed with the SHA-256 as the bytes arrive. An entry
     * names an item from a protected source, or showing personal data, by its commitment instead
     * of its hash. The key is secret: it leaves only in an admin's disclosure packet. Null until
     * the item has bytes (a capture), or until the backfill job reached an item stored before.
     */
    commitmentKey: text("commitment_key"),
    commitment: text("commitment"),
    /** An editor's choice of how the public names the item, over the rule (null: the rule decides), with the reason. */
    disclosure: text("disclosure", { enum: DISCLOSURE_VALUES }),
    disclosureReason: text("disclosure_reason"),
    disclosureSetById: uuid("disclosure_set_by_id").references(() => users.id),
    disclosureSetAt: timestamp("disclosure_set_at", { withTimezone: true, precision: 3 }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("evidence_claim_idx").on(t.claimId, t.addedAt),
    index("evidence_blob_idx").on(t.blobSha256, t.addedAt),
  ],
);

/**
 * Working copies made from the original, stored as blobs too: a thumbnail, video keyframes, and
 * the playable copies of a video or audio item — `web` (H.264/AAC MP4 with its index first, or
 * AAC audio) and `low` (about 360p, at most 400 kbit/s). The original is never changed.
 * `details` keeps how a copy
 * was made (the ffmpeg command line, its duration and size), as the custody trail does.
 */
export const DERIVATIVE_KINDS = ["thumbnail", "keyframe", "web", "low"] as const;
export type DerivativeKind = (typeof DERIVATIVE_KINDS)[number];
export const evidenceDerivatives = pgTable(
  "evidence_derivatives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    kind: text("kind", { enum: DERIVATIVE_KINDS }).notNull(),
    position: integer("position").notNull().default(0),
    atMs: integer("at_ms"),
    blobSha256: text("blob_sha256")
      .notNull()
      .references(() => blobs.sha256),
    mediaType: text("media_type").notNull().default("image/jpeg"),
    size: bigint("size", { mode: "number" }),
    details: jsonb("details"),
    phash: text("phash"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evidence_derivatives_unique_idx").on(t.evidenceId, t.kind, t.position)],
);

/**
 * Multi-index hashing of 64-bit perceptual hashes: four 16-bit bands, each indexed, so a lookup
 * probes a few hundred exact band values instead of scanning every hash (see lib/evidence/near-duplicates.ts).
 */
export const phashBands = pgTable(
  "phash_bands",
  {
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    derivativeId: uuid("derivative_id").references((): AnyPgColumn => evidenceDerivatives.id),
    // The whole 64-bit hash (as a signed bigint), so distances are computed from the index alone.
    hash: bigint("hash", { mode: "bigint" }).notNull(),
    band: smallint("band").notNull(),
    value: integer("value").notNull(),
  },
  // The lookup index covers (band, value) and includes evidence_id and hash: see migration 0003.
  (t) => [index("phash_bands_evidence_idx").on(t.evidenceId)],
);

/** Durable background work: retried with backoff, idempotent per (kind, evidence). */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    evidenceId: uuid("evidence_id").references(() => evidence.id),
    payload: jsonb("payload").notNull().default({}),
    state: text("state", { enum: ["pending", "running", "done", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAfter: timestamp("run_after", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { withTimezone: true, precision: 3 }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_kind_evidence_idx").on(t.kind, t.evidenceId),
    index("jobs_due_idx").on(t.state, t.runAfter),
  ],
);

/**
 * A resumable (tus) upload not finished yet, where every app server sees it (several servers on
 * PostgreSQL and S3; one server keeps them in its data folder): its owner, declared length (null
 * while deferred), metadata and offset. Its bytes so far are parts in the blob store's part space,
 * one per accepted body (`resumableUploadParts`). Once finished it names its evidence (its parts
 * are gone then), until it expires; cancelled, it is gone.
 */
export const resumableUploads = pgTable(
  "resumable_uploads",
  {
    id: text("id").primaryKey(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    size: bigint("size", { mode: "number" }),
    offset: bigint("offset", { mode: "number" }).notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, string | null>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // The finish, claimed by one request (its time: a claim left by a crash is taken again later),
    // and its outcome: the evidence made, which a repeated final request is answered with.
    finishingAt: timestamp("finishing_at", { withTimezone: true, precision: 3 }),
    evidenceId: uuid("evidence_id"),
  },
  (t) => [index("resumable_uploads_owner_idx").on(t.ownerId, t.createdAt), index("resumable_uploads_created_idx").on(t.createdAt)],
);

/** One accepted body of a resumable upload: the bytes from `offset`, `length` long, in the part object `key`. */
export const resumableUploadParts = pgTable(
  "resumable_upload_parts",
  {
    uploadId: text("upload_id")
      .notNull()
      .references(() => resumableUploads.id, { onDelete: "cascade" }),
    offset: bigint("offset", { mode: "number" }).notNull(),
    length: bigint("length", { mode: "number" }).notNull(),
    key: text("key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.offset] })],
);

/**
 * Time-coded notes on a video or audio item: a moment (`endMs` null) or a span, with a note.
 * Internal: never on a public page. An edit keeps the earlier text in the audit log; a deleted
 * note stays as a row (`deletedAt`), its text only in the audit log.
 */
export const evidenceNotes = pgTable(
  "evidence_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    startMs: integer("start_ms").notNull(),
    endMs: integer("end_ms"),
    body: text("body").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true, precision: 3 }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    deletedById: uuid("deleted_by_id").references(() => users.id),
  },
  (t) => [index("evidence_notes_evidence_idx").on(t.evidenceId, t.startMs)],
);

/**
 * When a person's ranged reads of an item (a player seeking, a resumed download) were last written
 * to the custody trail: one `evidence.viewed` event per person, item and copy per window
 * (lib/evidence/read-content.ts), not one per range.
 */
export const evidenceViews = pgTable(
  "evidence_views",
  {
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    copy: text("copy").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.userId, t.copy] })],
);

export type Evidence = typeof evidence.$inferSelect;
export type Job = typeof jobs.$inferSelect;
