import { type AnyPgColumn, bigint, boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { claims } from "./claims";
import { namePublicationBasisEnum, nameScriptEnum, personRoleEnum, sexEnum } from "./enums";
import { users } from "./users";

/**
 * One person per person, across claims. A merge points the absorbed person at the one it joined
 * (`merged_into_id`) and moves nothing, so a split only has to clear the pointer: merges are
 * reversible and every name and claim link keeps its history.
 */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sex: sexEnum("sex"),
    age: smallint("age"),
    // Date and place of death or of the incident, where known.
    incidentDate: date("incident_date"),
    placeName: text("place_name"),
    note: text("note"),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => persons.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("persons_merged_into_idx").on(t.mergedIntoId),
    check("persons_age_range", sql`${t.age} between 0 and 130`),
    check("persons_not_merged_into_self", sql`${t.mergedIntoId} <> ${t.id}`),
  ],
);

/** Every form of a person's name, as written, in any script. */
export const personNames = pgTable(
  "person_names",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The order forms were added in: the first is the name a person is shown by.
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    name: text("name").notNull(),
    script: nameScriptEnum("script").notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("person_names_person_name_idx").on(t.personId, t.name)],
);

/**
 * Blocking keys of each name (lib/persons/matching): candidates for a new name are the names that
 * share a key, found through this index, never by comparing every stored name.
 */
export const personNameKeys = pgTable(
  "person_name_keys",
  {
    key: text("key").notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    nameId: uuid("name_id")
      .notNull()
      .references(() => personNames.id),
  },
  (t) => [primaryKey({ columns: [t.key, t.personId, t.nameId] }), index("person_name_keys_name_idx").on(t.nameId)],
);

/**
 * A person named in a claim, in a role. Every link is private until an editor or reviewer marks the
 * name publishable with a basis (lib/persons/set-visibility.ts); adding, importing and merging never
 * make a name public. The hand-written block of migration names_private_until_approved adds the check
 * `claim_persons_public_has_basis`:
 * a public link has a basis and an approval time, a private one neither, and `other` a stated note.
 */
export const claimPersons = pgTable(
  "claim_persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    role: personRoleEnum("role").notNull(),
    isPublic: boolean("is_public").notNull().default(false),
    publicationBasis: namePublicationBasisEnum("publication_basis"),
    publicationBasisNote: text("publication_basis_note"),
    // Null only on links made public before a basis was required (the back-fill of migration names_private_until_approved).
    approvedById: uuid("approved_by_id").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true, precision: 3 }),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("claim_persons_claim_person_role_idx").on(t.claimId, t.personId, t.role),
    index("claim_persons_person_idx").on(t.personId),
  ],
);

export type Person = typeof persons.$inferSelect;
