import "server-only";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { savedViews, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { toViewDto } from "./dto";
import { ZCreateView, VIEWS_PER_PERSON } from "./schemas";

/**
 * Name the queue's current filters as a view: the owner's alone, or shared with the team (a
 * reviewer's or editor's to share). Only the filters the queue knows are kept; at most
 * VIEWS_PER_PERSON each (422, guard `limit`). Audited as `saved_view.created`.
 */
export async function createView(db: Db, actor: Actor | null, input: unknown) {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  assertCan(actor, "views.save");
  const data = parseInput(ZCreateView, input);
  const shared = data.shared ?? false;
  if (shared) assertCan(actor, "views.share");
  // A view of someone's claims names someone who may have claims: an active reviewer or editor.
  if (data.filters.assignee) {
    const [assignee] = await db.select({ role: users.role, isActive: users.isActive }).from(users).where(eq(users.id, data.filters.assignee));
    if (!assignee?.isActive || !can({ id: data.filters.assignee, name: "", role: assignee.role }, "claims.assign")) {
      throw new AppError("INVALID_STATE", tr("errors.claims.assigneeRole"), { guard: "assignee" });
    }
  }
  const filters = Object.fromEntries(Object.entries(data.filters).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const row = await db.transaction(async (tx) => {
    // The owner's row locked first: two saves at once count one after the other, so the limit holds.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for("update");
    const [{ n }] = await tx.select({ n: count() }).from(savedViews).where(eq(savedViews.ownerId, actor.id));
    if (Number(n) >= VIEWS_PER_PERSON) throw new AppError("INVALID_STATE", tr("errors.views.tooMany", { max: VIEWS_PER_PERSON }), { guard: "limit" });
    const [created] = await tx.insert(savedViews).values({ ownerId: actor.id, name: data.name, filters, shared }).returning();
    await appendAuditEvent(tx, actor.id, { type: "saved_view.created", entity: { type: "saved_view", id: created.id }, data: { name: data.name, shared, filters } });
    return created;
  });
  return toViewDto({ ...row, ownerName: actor.name }, actor);
}
