import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { claimKindEnum, claimStateEnum, gradeEnum, placePrecisionEnum } from "./enums";
import { searchVectorOf, tsvector } from "./search";
import { users } from "./users";

export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: claimKindEnum("kind").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    language: text("language").notNull(),
    incidentDateFrom: date("incident_date_from"),
    incidentDateTo: date("incident_date_to"),
    placeName: text("place_name"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    placePrecision: placePrecisionEnum("place_precision"),
    // Where the submitter first saw it; free text until the source registry lands.
    firstSeenSourceName: text("first_seen_source_name"),
    firstSeenUrl: text("first_seen_url"),
    state: claimStateEnum("state").notNull().default("triage"),
    grade: gradeEnum("grade"),
    gradeRationale: text("grade_rationale"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    submittedById: uuid("submitted_by_id")
      .notNull()
      .references(() => users.id),
    sentToReviewById: uuid("sent_to_review_by_id").references(() => users.id),
    // Who edited the claim's text while it was in review (cleared when it is sent again): they
    // may not publish it, as the one who sent it may not (the four-eyes rule).
    editedInReviewById: uuid("edited_in_review_by_id").references(() => users.id),
    // A correction drafted on a published claim, waiting for another editor to publish it (the
    // four-eyes rule): the changed fields and the reason, which becomes the public change note.
    // The public entry stays as it was until then (lib/workflow/corrections.ts).
    pendingCorrection: jsonb("pending_correction").$type<{ reason: string; changes: Record<string, unknown> }>(),
    correctionDraftedById: uuid("correction_drafted_by_id").references(() => users.id),
    correctionDraftedAt: timestamp("correction_drafted_at", { withTimezone: true, precision: 3 }),
    // Translations of the public title and summary into the other interface languages (issue 18),
    // by language: { title, summary, basedOn }, basedOn the SHA-256 of the original title and
    // summary each was made from. Changed only by a published correction (lib/publishing/translations.ts).
    translations: jsonb("translations").$type<Record<string, { title: string; summary: string; basedOn: string }>>().notNull().default({}),
    duplicateOfId: uuid("duplicate_of_id").references((): AnyPgColumn => claims.id),
    stateReason: text("state_reason"),
    // The submitting device's own id for this submission (the new-claim form's, a UUID): a form
    // sent again after its answer was lost on a dropped connection finds the claim it made.
    submissionKey: uuid("submission_key"),
    // The SHA-256 of what that submission held: the same key sent with other content is refused.
    submissionDigest: text("submission_digest"),
    // When the claim entered its state (the queue's "waiting" and its longest-waiting order).
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Full-text search over title, summary and place (the queue's search box); computed by the database.
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql.raw(searchVectorOf(`title || ' ' || summary || ' ' || coalesce(place_name, '')`)),
    ),
  },
  (t) => [
    index("claims_state_created_idx").on(t.state, t.createdAt, t.id),
    index("claims_state_waiting_idx").on(t.state, t.stateChangedAt, t.id),
    index("claims_created_idx").on(t.createdAt, t.id),
    index("claims_submitter_idx").on(t.submittedById, t.createdAt, t.id),
    index("claims_kind_idx").on(t.kind),
    index("claims_assignee_idx").on(t.assigneeId, t.createdAt, t.id),
    index("claims_search_idx").using("gin", t.searchVector),
    uniqueIndex("claims_submission_key_idx").on(t.submittedById, t.submissionKey),
  ],
);

/**
 * How many claims are in each state and kind, kept by a trigger on `claims` (migration 0006), so
 * the queue's tabs read a handful of rows instead of counting the table on every request.
 */
export const claimCounts = pgTable(
  "claim_counts",
  {
    state: claimStateEnum("state").notNull(),
    kind: claimKindEnum("kind").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.state, t.kind] })],
);

export type Claim = typeof claims.$inferSelect;
export type NewClaim = typeof claims.$inferInsert;
