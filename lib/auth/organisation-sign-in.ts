import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { users } from "@/db/schema";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/append-event";
import { normaliseEmail, type SignInUser } from "./authenticate";
import { supersedeLinks } from "./one-time-links";
import { openSession } from "./sessions";

/** What the identity provider said about the person, after Auth.js checked its tokens (state, PKCE, ID token). */
export type OrganisationIdentity = {
  /** The provider's `sub`: stable for the person at this provider. */
  subject: string;
  email: string | null | undefined;
  /** The provider's `email_verified`: only `true` counts. */
  emailVerified: unknown;
};

/**
 * Why an organisation sign-in was refused, as the sign-in page explains it: `unverified` (the
 * provider did not vouch for the e-mail), `not_invited` (no active person here has it: nobody
 * registers themselves), `identity_mismatch` (the person is bound to another identity there).
 */
export type OrganisationRefusal = "unverified" | "not_invited" | "identity_mismatch";

export type OrganisationSignInResult =
  | { ok: true; user: SignInUser; sessionId: string; awaitingSecondFactor: boolean }
  | { ok: false; reason: OrganisationRefusal };

const SUBJECT_MAX = 255;

/**
 * Signs in a person the organisation's identity provider vouched for. Only a person an admin
 * created or invited, and active, gets in: found by the provider's verified e-mail; an invited
 * one joins now (`user.joined`, method oidc; their invitation link stops working). The provider's
 * subject is bound at the first sign-in and must match at every later one, so a new account at
 * the provider that takes over the address is refused. The role is Corroborate's, whatever the
 * provider's claims say (nothing but `sub`, `email` and `email_verified` is read). The session
 * starts through `openSession` (method oidc), so a second factor is still asked for.
 */
export async function authenticateOrganisation(
  db: Db,
  identity: OrganisationIdentity,
  { address, userAgent }: { address: string; userAgent?: string | null },
): Promise<OrganisationSignInResult> {
  const subject = identity.subject.slice(0, SUBJECT_MAX + 1);
  const email = normaliseEmail(identity.email ?? "");
  if (identity.emailVerified !== true || !email || !subject || subject.length > SUBJECT_MAX) return { ok: false, reason: "unverified" };

  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      isActive: users.isActive,
      sessionVersion: users.sessionVersion,
      oidcSubject: users.oidcSubject,
    })
    .from(users)
    .where(eq(users.email, email));
  if (!user) return { ok: false, reason: "not_invited" };
  if (!user.isActive) {
    await recordAuditEvent(db, null, { type: "auth.sign_in_failed", entity: { type: "user", id: user.id }, data: { reason: "inactive" } });
    return { ok: false, reason: "not_invited" };
  }

  return db.transaction(async (tx) => {
    // Bound to this subject already, or bound now: one guarded UPDATE, so two first sign-ins with
    // different subjects cannot both bind. A subject bound to someone else binds nobody new.
    const [bound] = await tx
      .update(users)
      .set({ oidcSubject: subject })
      .where(
        and(
          eq(users.id, user.id),
          or(eq(users.oidcSubject, subject), isNull(users.oidcSubject)),
          sql`not exists (select 1 from ${users} as other where other.oidc_subject = ${subject} and other.id <> ${user.id})`,
        ),
      )
      .returning({ id: users.id });
    if (!bound) {
      await appendAuditEvent(tx, null, { type: "auth.sign_in_failed", entity: { type: "user", id: user.id }, data: { reason: "identity_mismatch" } });
      return { ok: false, reason: "identity_mismatch" } as const;
    }
    // An invited person joins with this sign-in (once: the UPDATE finds them only while pending).
    const [joined] = await tx
      .update(users)
      .set({ joinedAt: new Date() })
      .where(and(eq(users.id, user.id), isNull(users.joinedAt)))
      .returning({ id: users.id });
    if (joined) {
      await supersedeLinks(tx, user.id, "invitation");
      await appendAuditEvent(tx, user.id, { type: "user.joined", entity: { type: "user", id: user.id }, data: { method: "oidc" } });
    }
    const session = await openSession(tx, user.id, { method: "oidc", userAgent, address });
    return {
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
      sessionId: session.id,
      awaitingSecondFactor: session.awaitingSecondFactor,
    } as const;
  });
}
