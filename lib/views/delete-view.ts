import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { savedViews } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { findVisibleView } from "./scope";

/**
 * Delete a view: one's own, or (an editor) one shared with the team. Another's personal view is
 * not found (404); another's shared view without `views.moderate` is refused (403). The audit
 * log keeps its name.
 */
export async function deleteView(db: Db, actor: Actor | null, viewId: string) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  assertCan(actor, "views.save");
  const view = await findVisibleView(db, actor, viewId);
  if (view.ownerId !== actor.id && !can(actor, "views.moderate")) throw new AppError("FORBIDDEN", tr("errors.views.notYours"));
  await db.transaction(async (tx) => {
    await tx.delete(savedViews).where(eq(savedViews.id, view.id));
    await appendAuditEvent(tx, actor.id, { type: "saved_view.deleted", entity: { type: "saved_view", id: view.id }, data: { name: view.name, shared: view.shared } });
  });
  return { id: view.id, deleted: true };
}
