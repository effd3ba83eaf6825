import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { issueLink } from "@/lib/auth/one-time-links";
import { passwordsAllowed } from "@/lib/auth/password";
import { type Actor, assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { tr } from "@/lib/i18n/translate";
import { mailedLink, mailPerson } from "@/lib/mail/outbox";
import { parseInput } from "@/lib/validation/parse";
import type { Role } from "@/lib/vocabulary";
import { auditActorId } from "./actor-id";
import { type TInviteUser, ZInviteUser } from "./schemas";

export type InvitationDto = { userId: string; email: string; role: Role; expiresAt: string; reissued: boolean };

/**
 * Invites an address with a role: the person is created not yet joined (no password), and a
 * one-time link (72 hours) is mailed to them. Inviting a pending address again re-issues the link
 * (the old one stops working) with the role given now; an address that has joined is CONFLICT.
 * The answer carries no link: it travels only by mail (or the outbox an admin reads).
 */
export async function inviteUser(db: Db, actor: Actor | null, input: TInviteUser, { askedOrigin }: { askedOrigin: string }): Promise<InvitationDto> {
  assertCan(actor, "users.manage");
  const data = parseInput(ZInviteUser, input);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id, joinedAt: users.joinedAt }).from(users).where(eq(users.email, data.email)).for("update");
    if (existing?.joinedAt) throw new AppError("CONFLICT", tr("errors.users.alreadyJoined", { email: data.email }));
    const name = data.name ?? data.email.split("@")[0];
    const [user] = existing
      ? await tx.update(users).set({ role: data.role, isActive: true, ...(data.name ? { name } : {}) }).where(eq(users.id, existing.id)).returning({ id: users.id, email: users.email })
      : await tx.insert(users).values({ email: data.email, name, role: data.role, passwordHash: null, joinedAt: null }).returning({ id: users.id, email: users.email });
    const link = await issueLink(tx, user.id, "invitation", auditActorId(actor));
    await appendAuditEvent(tx, auditActorId(actor), {
      type: "user.invited",
      entity: { type: "user", id: user.id },
      data: { email: user.email, role: data.role, linkId: link.id, expiresAt: link.expiresAt.toISOString(), ...(existing ? { reissued: true } : {}) },
    });
    await mailPerson(tx, user, { kind: "invitation", link: mailedLink(link.path, askedOrigin), role: data.role, expiresAt: link.expiresAt, viaOrganisation: !passwordsAllowed() });
    return { userId: user.id, email: user.email, role: data.role, expiresAt: link.expiresAt.toISOString(), reissued: !!existing };
  });
}
