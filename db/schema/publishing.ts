import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { entryChangeEnum } from "./enums";
import { searchVectorOf, tsvector } from "./search";

/**
 * The languages whose translations the public search reads: the interface languages (LOCALES in
 * lib/i18n/locales.ts, which db/ does not import; a test keeps the two alike). A new one changes
 * the generated column below, so it comes with a migration.
 */
export const SEARCHED_TRANSLATIONS = ["ar", "en"] as const;

/** One row per public version of a claim: an immutable snapshot built from an allowlist. */
export const publishedEntries = pgTable(
  "published_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    slug: text("slug").notNull(),
    versionNumber: integer("version_number").notNull(),
    change: entryChangeEnum("change").notNull(),
    changeNote: text("change_note"),
    snapshot: jsonb("snapshot").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // The public list's word search: the version's title, summary and place, and its translations'
    // titles and summaries (a reader finds an entry in their own language), computed by the database.
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql.raw(
        searchVectorOf(
          [
            `coalesce(snapshot->>'title', '') || ' ' || coalesce(snapshot->>'summary', '') || ' ' || coalesce(snapshot->'place'->>'name', '')`,
            ...SEARCHED_TRANSLATIONS.map((l) => `coalesce(snapshot->'translations'->'${l}'->>'title', '') || ' ' || coalesce(snapshot->'translations'->'${l}'->>'summary', '')`),
          ].join(" || ' ' || "),
        ),
      ),
    ),
  },
  (t) => [
    uniqueIndex("published_entries_claim_version_idx").on(t.claimId, t.versionNumber),
    index("published_entries_slug_idx").on(t.slug, t.versionNumber),
    index("published_entries_published_at_idx").on(t.publishedAt, t.id),
    index("published_entries_search_idx").using("gin", t.searchVector),
  ],
);

export type PublishedEntry = typeof publishedEntries.$inferSelect;

/**
 * A public version's page, in one language, rendered once when the version was published
 * (lib/public-pages): its bytes are a blob of the blob store (addressed by `sha256`, like evidence)
 * and never change; `sealSeq` is the audit event that recorded the hash (`entry.sealed`).
 */
export const entryPages = pgTable(
  "entry_pages",
  {
    entryId: uuid("entry_id")
      .notNull()
      .references(() => publishedEntries.id),
    locale: text("locale").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    sealSeq: bigint("seal_seq", { mode: "number" }).notNull(),
    renderedAt: timestamp("rendered_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.locale] })],
);

export type EntryPage = typeof entryPages.$inferSelect;
