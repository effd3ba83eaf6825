import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { consumeLink, findLiveLink } from "@/lib/auth/one-time-links";
import { hashPassword, passwordsAllowed } from "@/lib/auth/password";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { parseInput } from "@/lib/validation/parse";
import { type TAcceptInvitation, ZAcceptInvitation } from "./schemas";

/** What the invitation page shows before it is accepted: the address and a name to start from; null for a link that does not work. */
export async function findInvitation(db: Db, token: string): Promise<{ email: string; name: string; expiresAt: string } | null> {
  const link = await findLiveLink(db, token, "invitation");
  if (!link) return null;
  const [user] = await db.select({ email: users.email, name: users.name, isActive: users.isActive, joinedAt: users.joinedAt }).from(users).where(eq(users.id, link.userId));
  if (!user || !user.isActive || user.joinedAt) return null;
  return { email: user.email, name: user.name, expiresAt: link.expiresAt.toISOString() };
}

/**
 * Accepts an invitation: the link is used up (once, atomically), the person's password and name
 * are set and they have joined (`user.joined`). They then sign in as anyone does. An unknown,
 * used or expired link, or one for a person deactivated meanwhile, changes nothing.
 */
export async function acceptInvitation(db: Db, input: TAcceptInvitation): Promise<{ email: string }> {
  const data = parseInput(ZAcceptInvitation, input);
  if (!passwordsAllowed()) throw new AppError("INVALID_STATE", tr("errors.account.passwordsOff"), { guard: "password_sign_in" });
  const passwordHash = await hashPassword(data.password);
  const dead = new AppError("INVALID_STATE", tr("errors.invitation.notValid"), { guard: "invitation" });
  return db.transaction(async (tx) => {
    const link = await consumeLink(tx, data.token, "invitation");
    if (!link) throw dead;
    const [user] = await tx
      .select({ id: users.id, email: users.email, isActive: users.isActive, joinedAt: users.joinedAt })
      .from(users)
      .where(eq(users.id, link.userId))
      .for("update");
    if (!user || !user.isActive || user.joinedAt) throw dead;
    await tx.update(users).set({ passwordHash, name: data.name, joinedAt: new Date() }).where(eq(users.id, user.id));
    await appendAuditEvent(tx, user.id, { type: "user.joined", entity: { type: "user", id: user.id }, data: { method: "credentials", linkId: link.id } });
    return { email: user.email };
  });
}
