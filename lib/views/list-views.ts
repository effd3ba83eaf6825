import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { savedViews, users } from "@/db/schema";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { toViewDto } from "./dto";
import { viewColumns, visibleViewsWhere } from "./scope";

/** Most views one list answers: each person keeps at most VIEWS_PER_PERSON, and the team shares few. */
export const VIEWS_LISTED = 100;

/**
 * The saved views beside the queue's tabs: the reader's own first, then those the team shares,
 * each by name. Another person's personal view never appears.
 */
export async function listViews(db: Db, actor: Actor | null) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  assertCan(actor, "views.save");
  const rows = await db
    .select(viewColumns)
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(visibleViewsWhere(actor))
    .orderBy(desc(sql`${savedViews.ownerId} = ${actor.id}`), asc(savedViews.name), asc(savedViews.id))
    .limit(VIEWS_LISTED);
  return { items: rows.map((row) => toViewDto(row, actor)) };
}
