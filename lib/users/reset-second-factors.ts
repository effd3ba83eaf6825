import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { recoveryCodes, users, webauthnCredentials } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { endSessionsOf } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { mailPerson } from "@/lib/mail/outbox";
import { isUuid } from "@/lib/validation/uuid";
import { auditActorId } from "./actor-id";

/**
 * An admin removes every second factor of a person (a lost phone, a stolen key): the TOTP app
 * (and any being enrolled), passkeys and recovery codes. Their sessions end at once
 * (`second_factor_reset`): whoever holds the old device is signed out, and the person signs in
 * again with their password and enrols anew where the policy asks it. Audited as
 * `user.factor_removed` (factor "all", by admin) and told to the person by mail. A person with
 * nothing to remove is left as they are. Answers what was removed.
 */
export async function resetSecondFactors(db: Db, actor: Actor | null, userId: string): Promise<{ userId: string; removed: number; sessionsEnded: number }> {
  assertCan(actor, "users.manage");
  const notFound = new AppError("NOT_FOUND", tr("errors.users.notFound"));
  if (!isUuid(userId)) throw notFound;
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, totpSecret: users.totpSecret, totpPendingSecret: users.totpPendingSecret })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw notFound;
    const passkeys = await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)).returning({ id: webauthnCredentials.id });
    const codes = await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).returning({ id: recoveryCodes.id });
    const removed = passkeys.length + codes.length + (user.totpSecret ? 1 : 0) + (user.totpPendingSecret ? 1 : 0);
    if (removed === 0) return { userId, removed: 0, sessionsEnded: 0 };
    await tx.update(users).set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null }).where(eq(users.id, userId));
    const actorId = auditActorId(actor);
    await appendAuditEvent(tx, actorId, { type: "user.factor_removed", entity: { type: "user", id: userId }, data: { factor: "all", by: "admin" } });
    const sessionsEnded = await endSessionsOf(tx, actorId, userId, "second_factor_reset");
    await mailPerson(tx, user, { kind: "factorRemoved", factor: "all", byAdmin: true });
    return { userId, removed, sessionsEnded };
  });
}
