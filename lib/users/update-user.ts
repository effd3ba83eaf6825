import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { diffFields } from "@/lib/audit/events";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { auditActorId } from "./actor-id";
import type { UserDto } from "./create-user";
import { ZUpdateUser } from "./schemas";
import { tr } from "@/lib/i18n/translate";

/**
 * Change a user's role or deactivate (or reactivate) them. Either ends every session they hold:
 * the session version in their sign-in token no longer matches the database, so their next
 * request is signed out. API tokens follow the user's role and active flag at each request.
 */
export async function updateUser(db: Db, actor: Actor, input: unknown): Promise<UserDto> {
  assertCan(actor, "users.manage");
  const data = parseInput(ZUpdateUser, input);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: users.id, role: users.role, isActive: users.isActive })
      .from(users)
      .where(eq(users.email, data.email))
      .for("update");
    if (!before) throw new AppError("NOT_FOUND", tr("errors.users.noUserWithEmail", { email: data.email }));
    const changes = diffFields({ role: before.role, isActive: before.isActive }, { role: data.role ?? before.role, isActive: data.isActive ?? before.isActive });
    const [user] = await tx
      .update(users)
      .set({ role: data.role ?? before.role, isActive: data.isActive ?? before.isActive, ...(Object.keys(changes).length ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
      .where(eq(users.id, before.id))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, isActive: users.isActive, sessionVersion: users.sessionVersion });
    if (Object.keys(changes).length) {
      await appendAuditEvent(tx, auditActorId(actor), {
        type: "user.updated",
        entity: { type: "user", id: user.id },
        data: { sessionVersion: user.sessionVersion, changes },
      });
    }
    const { sessionVersion: _sv, ...dto } = user;
    return dto;
  });
}
