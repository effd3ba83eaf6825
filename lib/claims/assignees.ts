import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";

/** Most people the queue offers to hand claims to: a team, not a directory. */
export const ASSIGNEES_LISTED = 200;

/** Whom claims may be given to (active reviewers and editors), by name: the bulk bar's "assign to". */
export async function listAssignees(db: Db, actor: Actor | null): Promise<{ id: string; name: string }[]> {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  assertCan(actor, "claims.assign");
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.isActive, true), inArray(users.role, [...PERMISSIONS["claims.assign"]])))
    .orderBy(asc(users.name), asc(users.id))
    .limit(ASSIGNEES_LISTED);
}
