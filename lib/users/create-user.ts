import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse";
import { auditActorId } from "./actor-id";
import { ZCreateUser } from "./schemas";
import { tr } from "@/lib/i18n/translate";

export type UserDto = { id: string; email: string; name: string; role: string; isActive: boolean };

export async function createUser(db: Db, actor: Actor | null, input: unknown): Promise<UserDto> {
  assertCan(actor, "users.manage");
  const data = parseInput(ZCreateUser, input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email));
    if (existing) throw new AppError("CONFLICT", tr("errors.users.emailTaken", { email: data.email }));
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, role: data.role, passwordHash, joinedAt: new Date() })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, isActive: users.isActive });
    await appendAuditEvent(tx as unknown as Db, auditActorId(actor), {
      type: "user.created",
      entity: { type: "user", id: user.id },
      data: { email: user.email, name: user.name, role: user.role },
    });
    return user;
  });
}
