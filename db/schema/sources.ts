import { type AnyPgColumn, boolean, check, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { claims } from "./claims";
import { assessmentStanceEnum, reliabilityEnum, sourceKindEnum } from "./enums";
import { evidence } from "./evidence";
import { users } from "./users";

/**
 * Who published or said something. A protected source's identity never leaves the workspace:
 * nothing public is ever built from this table.
 */
export const sources = pgTable(
  "sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: sourceKindEnum("kind").notNull(),
    url: text("url"),
    handles: text("handles").array().notNull().default(sql`'{}'::text[]`),
    reliability: reliabilityEnum("reliability").notNull().default("F"),
    reliabilityRationale: text("reliability_rationale"),
    affiliatedWithId: uuid("affiliated_with_id").references((): AnyPgColumn => sources.id),
    isProtected: boolean("is_protected").notNull().default(false),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("sources_name_idx").on(t.name)],
);

/** "Source X relays source Y": an outlet quoting a monitor, an account reposting a channel. */
export const citations = pgTable(
  "citations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    citesSourceId: uuid("cites_source_id")
      .notNull()
      .references(() => sources.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("citations_pair_idx").on(t.sourceId, t.citesSourceId),
    index("citations_cited_idx").on(t.citesSourceId),
    check("citations_not_self", sql`${t.sourceId} <> ${t.citesSourceId}`),
  ],
);

/** A reviewer's judgement of one item against its claim; one per reviewer and item (re-assessing replaces it). */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    stance: assessmentStanceEnum("stance").notNull(),
    credibility: smallint("credibility").notNull(),
    note: text("note"),
    assessedById: uuid("assessed_by_id")
      .notNull()
      .references(() => users.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("assessments_item_reviewer_idx").on(t.evidenceId, t.assessedById),
    index("assessments_claim_idx").on(t.claimId),
    check("assessments_credibility_range", sql`${t.credibility} between 1 and 6`),
  ],
);

export type Source = typeof sources.$inferSelect;
