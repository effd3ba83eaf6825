import { type AnyPgColumn, bigint, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, time, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { claims } from "./claims";
import { ageBandEnum, casualtyCauseEnum, casualtyStatusEnum, datePrecisionEnum, gradeEnum, incidentStateEnum, incidentTypeEnum, placePrecisionEnum, sexEnum } from "./enums";
import { persons } from "./persons";
import { users } from "./users";

/**
 * An event that claims are about (issue 24): what happened, where, when, nested under a larger one
 * (the coastal killings → Baniyas → al-Qusour). Who did it is never a field here: it is a graded
 * statement with its sources (`incident_attributions`). Claims, victims (`casualty_records`) and,
 * through the claims, reported figures hang from it. `version` guards edits of these fields (409
 * on a stale one); `changed_at`/`changed_by_id` move with every change to the incident or what
 * hangs from it, so the four-eyes rule and "changed since publication" see links and records too.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The title in its own language, and translations into the other interface languages: { title }.
    title: text("title").notNull(),
    language: text("language").notNull(),
    translations: jsonb("translations").$type<Record<string, { title: string }>>().notNull().default({}),
    type: incidentTypeEnum("type").notNull(),
    summary: text("summary"),
    placeName: text("place_name").notNull(),
    placePrecision: placePrecisionEnum("place_precision").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    // The hour, when the precision is exact.
    startTime: time("start_time"),
    datePrecision: datePrecisionEnum("date_precision").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => incidents.id),
    state: incidentStateEnum("state").notNull().default("draft"),
    // The newest published version's number (incident_versions), null while never published.
    publishedVersion: integer("published_version"),
    slug: text("slug").unique(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    changedById: uuid("changed_by_id")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // The timeline and the list (start date, then id: keyset pages), narrowed by type.
    index("incidents_start_idx").on(t.startDate, t.id),
    index("incidents_type_start_idx").on(t.type, t.startDate, t.id),
    // The public list: published incidents alone, newest first, whatever share of them is published.
    index("incidents_published_start_idx").on(t.startDate, t.id).where(sql`${t.state} = 'published'`),
    // The map: incidents within a box.
    index("incidents_place_idx").on(t.longitude, t.latitude),
    index("incidents_parent_idx").on(t.parentId),
    check("incidents_dates", sql`${t.startDate} <= ${t.endDate}`),
    check("incidents_coordinates", sql`(${t.latitude} is null) = (${t.longitude} is null) and coalesce(${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180, true)`),
    check("incidents_not_own_parent", sql`${t.parentId} <> ${t.id}`),
  ],
);

/** A claim about an incident. A claim may concern several (a video of two neighbourhoods). */
export const incidentClaims = pgTable(
  "incident_claims",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.claimId] }), index("incident_claims_claim_idx").on(t.claimId)],
);

/**
 * Who is said to have done it: a statement with its own grade, rationale and sources (registry
 * ids), never a bare field. Several may stand side by side (two armed groups accused).
 */
export const incidentAttributions = pgTable(
  "incident_attributions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    perpetrator: text("perpetrator").notNull(),
    grade: gradeEnum("grade").notNull(),
    rationale: text("rationale").notNull(),
    sourceIds: uuid("source_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("incident_attributions_incident_idx").on(t.incidentId)],
);

/**
 * One victim of one incident, to the Every Casualty Counts standard's minimum: the person (whose
 * names, in every script, are the person's), date and place of death, cause, status, age or age
 * band, sex, and the sources (registry ids). A person is recorded once per incident; the tally of
 * an incident and those under it counts distinct persons, so nesting never counts one twice.
 */
export const casualtyRecords = pgTable(
  "casualty_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    dateOfDeath: date("date_of_death"),
    placeOfDeath: text("place_of_death"),
    cause: casualtyCauseEnum("cause").notNull().default("unknown"),
    status: casualtyStatusEnum("status").notNull().default("unknown"),
    age: smallint("age"),
    ageBand: ageBandEnum("age_band"),
    sex: sexEnum("sex"),
    sourceIds: uuid("source_ids").array().notNull().default(sql`'{}'::uuid[]`),
    note: text("note"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("casualty_records_incident_person_idx").on(t.incidentId, t.personId),
    index("casualty_records_person_idx").on(t.personId),
    check("casualty_records_age_range", sql`${t.age} between 0 and 130`),
  ],
);

/**
 * What was published of an incident, each version once: the snapshot the public page and API
 * read (built through the allowlist, lib/incidents/public-snapshot.ts), who published it and when.
 */
export const incidentVersions = pgTable(
  "incident_versions",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    publishedById: uuid("published_by_id")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.version] }), index("incident_versions_published_idx").on(t.publishedAt, t.incidentId)],
);

export type Incident = typeof incidents.$inferSelect;
export type CasualtyRecord = typeof casualtyRecords.$inferSelect;
