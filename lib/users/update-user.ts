import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { revokeTokensOf } from "@/lib/auth/api-tokens";
import { supersedeLinks } from "@/lib/auth/one-time-links";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { endSessionsOf } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { mailPerson } from "@/lib/mail/outbox";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/uuid";
import type { Role } from "@/lib/vocabulary";
import { auditActorId } from "./actor-id";
import type { UserDto } from "./create-user";
import { type TChangeUser, ZChangeUser, ZUpdateUser } from "./schemas";

type Change = { role?: Role; isActive?: boolean; name?: string };

const BEFORE_COLUMNS = { id: users.id, email: users.email, name: users.name, role: users.role, isActive: users.isActive };

/**
 * Change a user's role or deactivate (or reactivate) them, by e-mail (the command line). See
 * `changeUser` for what follows.
 */
export async function updateUser(db: Db, actor: Actor, input: unknown): Promise<UserDto> {
  assertCan(actor, "users.manage");
  const data = parseInput(ZUpdateUser, input);
  return db.transaction(async (tx) => {
    const [before] = await tx.select(BEFORE_COLUMNS).from(users).where(eq(users.email, data.email)).for("update");
    if (!before) throw new AppError("NOT_FOUND", tr("errors.users.noUserWithEmail", { email: data.email }));
    return applyChange(tx, actor, before, { role: data.role, isActive: data.isActive });
  });
}

/**
 * An admin's change to a person, by id (the admin screen, the API): a role, (de)activation, a
 * name. A role change or a deactivation ends every session they hold at once (the session version
 * moves, and each live session is ended and audited); a deactivation also revokes their API
 * tokens and any pending invitation or reset link, so their very next request is refused. The
 * person is told by mail. An admin cannot deactivate themselves or change their own role (nobody
 * would be left to undo it).
 */
export async function changeUser(db: Db, actor: Actor | null, userId: string, input: TChangeUser): Promise<UserDto> {
  assertCan(actor, "users.manage");
  if (!isUuid(userId)) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
  const data = parseInput(ZChangeUser, input);
  return db.transaction(async (tx) => {
    const [before] = await tx.select(BEFORE_COLUMNS).from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", tr("errors.users.notFound"));
    const selfLockout = (data.active === false || (data.role !== undefined && data.role !== before.role)) && before.id === actor.id;
    if (selfLockout) throw new AppError("INVALID_STATE", tr("errors.users.notYourself"), { guard: "self" });
    return applyChange(tx, actor, before, { role: data.role, isActive: data.active, name: data.name });
  });
}

async function applyChange(tx: Db, actor: Actor, before: { id: string; email: string; name: string; role: Role; isActive: boolean }, change: Change): Promise<UserDto> {
  const after = { role: change.role ?? before.role, isActive: change.isActive ?? before.isActive, name: change.name ?? before.name };
  const changes = diffFields({ role: before.role, isActive: before.isActive, name: before.name }, after);
  const { name: _name, ...accessChanges } = changes;
  const endsSessions = Object.keys(accessChanges).length > 0;
  const [user] = await tx
    .update(users)
    .set({ ...after, ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
    .where(eq(users.id, before.id))
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, isActive: users.isActive, sessionVersion: users.sessionVersion });
  if (Object.keys(changes).length === 0) return dtoOf(user);
  const actorId = auditActorId(actor);
  await appendAuditEvent(tx, actorId, {
    type: "user.updated",
    entity: { type: "user", id: user.id },
    data: { ...(endsSessions ? { sessionVersion: user.sessionVersion } : {}), changes },
  });
  if (before.isActive && !after.isActive) {
    await endSessionsOf(tx, actorId, user.id, "deactivated");
    await revokeTokensOf(tx, actor, user.id);
    await supersedeLinks(tx, user.id, "invitation");
    await supersedeLinks(tx, user.id, "password_reset");
    await mailPerson(tx, user, { kind: "deactivated" });
  } else if (before.role !== after.role) {
    await endSessionsOf(tx, actorId, user.id, "ended_by_admin");
    if (after.isActive) await mailPerson(tx, user, { kind: "roleChanged", role: after.role });
  }
  return dtoOf(user);
}

function dtoOf({ sessionVersion: _sv, ...dto }: UserDto & { sessionVersion: number }): UserDto {
  return dto;
}
