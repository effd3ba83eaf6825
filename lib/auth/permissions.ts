import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { type Actor, can, type Permission } from "./permission-table";

/**
 * The permission table (./permission-table.ts, which any process may read: the security tests'
 * matrix does) and the check every mutation makes, whose refusal is in the reader's language.
 */
export { type Actor, can, type Permission, PERMISSIONS, SYSTEM_ACTOR } from "./permission-table";

export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHORIZED", tr("errors.signIn"));
  if (actor.readOnly && !can(actor, permission) && can({ ...actor, readOnly: undefined }, permission)) {
    throw new AppError("FORBIDDEN", tr("errors.readOnlyToken"));
  }
  if (!can(actor, permission)) {
    throw new AppError("FORBIDDEN", tr("errors.forbiddenRole", { role: actor.role, permission }));
  }
}
