import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { claims } from "./claims";
import { figureMeasureEnum } from "./enums";
import { sources } from "./sources";
import { users } from "./users";

/**
 * A reported number with its source, date and range. Figures of one measure and scope (place and
 * period, normalised into `scope_key`) form a series over time across claims and sources.
 */
export const figures = pgTable(
  "figures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    measure: figureMeasureEnum("measure").notNull(),
    valueMin: integer("value_min").notNull(),
    valueMax: integer("value_max").notNull(),
    // "At least N": the source gave a floor, not a count (value_min = value_max = N; no upper bound).
    atLeast: boolean("at_least").notNull().default(false),
    scopePlace: text("scope_place").notNull(),
    scopePeriodFrom: date("scope_period_from"),
    scopePeriodTo: date("scope_period_to"),
    scopeKey: text("scope_key").notNull(),
    asOf: date("as_of").notNull(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    note: text("note"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("figures_scope_idx").on(t.measure, t.scopeKey, t.asOf),
    index("figures_claim_idx").on(t.claimId),
    check("figures_range", sql`${t.valueMin} >= 0 and ${t.valueMin} <= ${t.valueMax}`),
  ],
);

export type Figure = typeof figures.$inferSelect;
