import "server-only";
import { and, eq, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { savedViews, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { isUuid } from "@/lib/validation/uuid";
import type { ViewRow } from "./dto";

/** The views a person sees: their own, and those shared with the team. */
export function visibleViewsWhere(actor: Actor): SQL {
  return or(eq(savedViews.ownerId, actor.id), eq(savedViews.shared, true))!;
}

export const viewColumns = {
  id: savedViews.id,
  name: savedViews.name,
  filters: savedViews.filters,
  shared: savedViews.shared,
  ownerId: savedViews.ownerId,
  ownerName: users.name,
  createdAt: savedViews.createdAt,
};

/** A view the actor may see, or NOT_FOUND — also for another's personal view, so ids cannot be probed. */
export async function findVisibleView(db: Db, actor: Actor, viewId: string): Promise<ViewRow> {
  if (!isUuid(viewId)) throw new AppError("NOT_FOUND", tr("errors.views.notFound"));
  const [row] = await db
    .select(viewColumns)
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(eq(savedViews.id, viewId), visibleViewsWhere(actor)));
  if (!row) throw new AppError("NOT_FOUND", tr("errors.views.notFound"));
  return row;
}
