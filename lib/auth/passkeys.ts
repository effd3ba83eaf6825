import "server-only";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { and, asc, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { recoveryCodes, sessions, users, webauthnCredentials } from "@/db/schema";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/append-event";
import { askedOriginOf } from "@/lib/api/request-origin";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { messageRef } from "@/lib/i18n/message-ref";
import { PRODUCT_NAME } from "@/lib/i18n/locales";
import { tr } from "@/lib/i18n/translate";
import { mailPerson } from "@/lib/mail/outbox";
import { isUuid } from "@/lib/validation/uuid";
import { parseInput } from "@/lib/validation/parse";
import type { Actor } from "./permissions";
import { release, reserveAttempt } from "./rate-limit";
import { afterFactorRemoved, CODE_ATTEMPTS, passSession, replaceRecoveryCodesIn, type VerifyingSession } from "./second-factor";

/**
 * Passkeys and security keys (WebAuthn, through @simplewebauthn/server). The relying party is the
 * site's host: PUBLIC_URL's when set, else the address the browser asked for; the browser's origin
 * is checked against the same. One ceremony at a time per session: its challenge is kept on the
 * session's row for five minutes and used once.
 */

const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const PASSKEY_NAME_MAX = 60;

/** The relying party a ceremony runs for: its id (a host name) and the origin the browser must report. */
export type Site = { rpID: string; origin: string };

/** The site of this request (see above). */
export function siteOf(headers: Headers): Site {
  const origin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : askedOriginOf(headers);
  return { rpID: new URL(origin).hostname, origin };
}

const ZCredentialJson = z
  .object({
    id: z.string().min(1).max(2000),
    rawId: z.string().min(1).max(2000),
    type: z.literal("public-key"),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().max(40).optional(),
  })
  .strip();

export const ZPasskeyRegistration = z
  .object({
    name: z.string().trim().min(1, messageRef("twoFactor.errors.nameMissing")).max(PASSKEY_NAME_MAX),
    response: ZCredentialJson,
  })
  .strict();
export type TPasskeyRegistration = z.input<typeof ZPasskeyRegistration>;

export const ZPasskeySignIn = z.object({ response: ZCredentialJson }).strict();
export type TPasskeySignIn = z.input<typeof ZPasskeySignIn>;

/** A passkey as its person sees it. */
export type PasskeyDto = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

function unauthenticated(): AppError {
  return new AppError("UNAUTHORIZED", tr("errors.signIn"));
}

async function keepChallenge(db: Db, sessionId: string, challenge: string): Promise<void> {
  await db.update(sessions).set({ challenge, challengeExpiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) }).where(eq(sessions.id, sessionId));
}

/** The session's live challenge, taken (it works once), or INVALID_STATE when there is none. */
async function takeChallenge(tx: Db, sessionId: string): Promise<string> {
  const [row] = await tx
    .select({ challenge: sessions.challenge })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNotNull(sessions.challenge), gt(sessions.challengeExpiresAt, new Date())))
    .for("update");
  await tx.update(sessions).set({ challenge: null, challengeExpiresAt: null }).where(eq(sessions.id, sessionId));
  if (!row?.challenge) throw new AppError("INVALID_STATE", tr("twoFactor.errors.passkeyExpired"));
  return row.challenge;
}

export async function listPasskeys(db: Db, actor: Actor | null): Promise<PasskeyDto[]> {
  if (!actor) throw unauthenticated();
  const rows = await db
    .select({ id: webauthnCredentials.id, name: webauthnCredentials.name, createdAt: webauthnCredentials.createdAt, lastUsedAt: webauthnCredentials.lastUsedAt })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, actor.id))
    .orderBy(asc(webauthnCredentials.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}

/** Starts registering a passkey for the signed-in person (or one enrolling): the browser's options. */
export async function passkeyRegistrationOptions(db: Db, actor: Actor | null, sessionId: string, site: Site): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (!actor) throw unauthenticated();
  const [person] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, actor.id));
  if (!person) throw unauthenticated();
  const existing = await db.select({ id: webauthnCredentials.credentialId, transports: webauthnCredentials.transports }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, actor.id));
  const options = await generateRegistrationOptions({
    rpName: PRODUCT_NAME,
    rpID: site.rpID,
    userName: person.email,
    userDisplayName: person.name,
    userID: new TextEncoder().encode(actor.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports ? c.transports.split(",") : undefined })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(db, sessionId, options.challenge);
  return options;
}

/**
 * Keeps a passkey the browser made for the options above, named by its person, once its response
 * checks (challenge, origin, relying party). Audited and mailed; a person's first second factor
 * comes with ten recovery codes, answered to be shown once.
 */
export async function registerPasskey(db: Db, actor: Actor | null, sessionId: string, site: Site, input: unknown): Promise<{ id: string; recoveryCodes: string[] | null }> {
  if (!actor) throw unauthenticated();
  const { name, response } = parseInput(ZPasskeyRegistration, input);
  return db.transaction(async (tx) => {
    const expectedChallenge = await takeChallenge(tx, sessionId);
    let verification;
    try {
      verification = await verifyRegistrationResponse({ response: response as unknown as RegistrationResponseJSON, expectedChallenge, expectedOrigin: site.origin, expectedRPID: site.rpID, requireUserVerification: false });
    } catch {
      throw new AppError("BAD_REQUEST", tr("twoFactor.errors.passkeyRefused"));
    }
    if (!verification.verified) throw new AppError("BAD_REQUEST", tr("twoFactor.errors.passkeyRefused"));
    const { credential } = verification.registrationInfo;
    const [taken] = await tx.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.credentialId, credential.id));
    if (taken) throw new AppError("CONFLICT", tr("twoFactor.errors.passkeyKnown"));
    const [person] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, actor.id));
    const [{ codes }] = await tx.select({ codes: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    const [row] = await tx
      .insert(webauthnCredentials)
      .values({ userId: actor.id, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey).toString("base64url"), counter: credential.counter, transports: credential.transports?.join(",") || null, name })
      .returning({ id: webauthnCredentials.id });
    await appendAuditEvent(tx, actor.id, { type: "user.factor_added", entity: { type: "user", id: actor.id }, data: { factor: "passkey", credentialId: row.id, name } });
    await mailPerson(tx, person, { kind: "factorAdded", factor: "passkey" });
    return { id: row.id, recoveryCodes: codes === 0 ? await replaceRecoveryCodesIn(tx, actor.id) : null };
  });
}

/** Removes one of the person's passkeys (another's is NOT_FOUND); refused when it is their last factor and their role must have one. */
export async function removePasskey(db: Db, actor: Actor | null, id: string): Promise<void> {
  if (!actor) throw unauthenticated();
  const notFound = new AppError("NOT_FOUND", tr("twoFactor.errors.passkeyNotFound"));
  if (!isUuid(id)) throw notFound;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, id), eq(webauthnCredentials.userId, actor.id)))
      .returning({ id: webauthnCredentials.id, name: webauthnCredentials.name });
    if (!row) throw notFound;
    const [person] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, actor.id));
    await afterFactorRemoved(tx, actor, person, { factor: "passkey", credentialId: row.id, name: row.name });
  });
}

/** The options for giving a passkey as the second factor of a sign-in: the person's own passkeys. */
export async function passkeySignInOptions(db: Db, session: VerifyingSession | null, site: Site): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (!session) throw unauthenticated();
  const mine = await db.select({ id: webauthnCredentials.credentialId, transports: webauthnCredentials.transports }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, session.userId));
  if (mine.length === 0) throw new AppError("INVALID_STATE", tr("twoFactor.errors.noPasskey"));
  const options = await generateAuthenticationOptions({
    rpID: site.rpID,
    allowCredentials: mine.map((c) => ({ id: c.id, transports: c.transports ? (c.transports.split(",") as never) : undefined })),
    userVerification: "preferred",
  });
  await keepChallenge(db, session.sessionId, options.challenge);
  return options;
}

/**
 * A passkey given as the second factor: one of this person's, signed over this session's
 * challenge for this site, its counter moving forward (a cloned key shows as one going back).
 * Failures count against the person's code limit and are audited; success opens the session.
 */
export async function verifyPasskeySignIn(db: Db, session: VerifyingSession | null, site: Site, input: unknown): Promise<void> {
  if (!session) throw unauthenticated();
  const { response } = parseInput(ZPasskeySignIn, input);
  const reserved = await reserveAttempt(db, [{ key: `code:${session.userId}`, max: CODE_ATTEMPTS }]);
  if (reserved.limited) {
    await recordAuditEvent(db, session.userId, { type: "auth.second_factor_failed", entity: { type: "user", id: session.userId }, data: { factor: "passkey", reason: "rate_limited" } });
    throw new AppError("RATE_LIMITED", tr("twoFactor.errors.tooMany", { minutes: Math.ceil(reserved.retryAfterSeconds / 60) }));
  }
  const passed = await db.transaction(async (tx) => {
    const [live] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.id, session.sessionId), eq(sessions.userId, session.userId), isNull(sessions.endedAt), eq(sessions.awaitingSecondFactor, true)));
    if (!live) throw unauthenticated();
    const expectedChallenge = await takeChallenge(tx, session.sessionId);
    const [credential] = await tx
      .select({ id: webauthnCredentials.id, credentialId: webauthnCredentials.credentialId, publicKey: webauthnCredentials.publicKey, counter: webauthnCredentials.counter, transports: webauthnCredentials.transports })
      .from(webauthnCredentials)
      .where(and(eq(webauthnCredentials.credentialId, response.id), eq(webauthnCredentials.userId, session.userId)));
    if (!credential) return false;
    try {
      const verification = await verifyAuthenticationResponse({
        response: response as unknown as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: site.origin,
        expectedRPID: site.rpID,
        requireUserVerification: false,
        credential: { id: credential.credentialId, publicKey: Buffer.from(credential.publicKey, "base64url"), counter: credential.counter, transports: credential.transports?.split(",") as never },
      });
      if (!verification.verified) return false;
      await tx.update(webauthnCredentials).set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() }).where(eq(webauthnCredentials.id, credential.id));
    } catch {
      return false;
    }
    await passSession(tx, session, "passkey", { credentialId: credential.id });
    return true;
  });
  if (!passed) {
    await recordAuditEvent(db, session.userId, { type: "auth.second_factor_failed", entity: { type: "user", id: session.userId }, data: { factor: "passkey", reason: "not_verified" } });
    throw new AppError("BAD_REQUEST", tr("twoFactor.errors.passkeyRefused"));
  }
  await release(db, reserved.reservation);
}
