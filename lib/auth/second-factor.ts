import "server-only";
import { randomInt } from "node:crypto";
import { and, count, eq, isNull, or, lt, sql } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { recoveryCodes, sessions, users, webauthnCredentials } from "@/db/schema";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/append-event";
import { AppError } from "@/lib/errors/app-error";
import { messageRef } from "@/lib/i18n/message-ref";
import { PRODUCT_NAME } from "@/lib/i18n/locales";
import { tr } from "@/lib/i18n/translate";
import { mailPerson } from "@/lib/mail/outbox";
import { parseInput } from "@/lib/validation/parse";
import type { SecondFactor } from "@/lib/vocabulary";
import type { Actor } from "./permissions";
import { type Reservation, release, reserveAttempt } from "./rate-limit";
import { open, keyedHash, seal } from "./secret-box";
import { hasSecondFactor, type SignedIn } from "./sessions";
import { roleMustEnrol } from "./two-factor-policy";

/**
 * Second factors given as codes: a TOTP app (RFC 6238: SHA-1, six digits, 30-second steps, one
 * step either side accepted) and ten one-time recovery codes. The TOTP secret is kept sealed
 * (lib/auth/secret-box.ts) and is only kept once a code made from it has been checked; each
 * accepted time step is remembered, so a code is never accepted twice. Recovery codes are kept
 * as keyed hashes and each works once. Guessing is limited per person (`code:<userId>`, five
 * failures in 15 minutes), whichever door the code is tried at.
 */

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
/** Failed codes a person may send in the rate limiter's window (the same as passwords). */
export const CODE_ATTEMPTS = 5;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_CODE_LENGTH = 10;

export const ZCode = z.object({ code: z.string().trim().min(1, messageRef("twoFactor.errors.codeMissing")).max(40, messageRef("twoFactor.errors.codeWrong")) }).strict();
export type TCode = z.input<typeof ZCode>;

/** A code as typed: spaces and hyphens dropped, letters in lower case. */
function normalise(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

function totpOf(secret: string, label = ""): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: PRODUCT_NAME, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The time step a TOTP code belongs to (within one step of now), or null when it matches none. */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  const token = normalise(code);
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secret);
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

function unauthenticated(): AppError {
  return new AppError("UNAUTHORIZED", tr("errors.signIn"));
}

function refusedCode(key: "codeWrong" | "codeReused" = "codeWrong"): AppError {
  // One message above the field, not the same words twice.
  return new AppError("BAD_REQUEST", tr(`twoFactor.errors.${key}`));
}

async function reserveCodeAttempt(db: Db, userId: string, factor: SecondFactor): Promise<Reservation & { limited: false }> {
  const reserved = await reserveAttempt(db, [{ key: `code:${userId}`, max: CODE_ATTEMPTS }]);
  if (reserved.limited) {
    await recordAuditEvent(db, userId, { type: "auth.second_factor_failed", entity: { type: "user", id: userId }, data: { factor, reason: "rate_limited" } });
    throw new AppError("RATE_LIMITED", tr("twoFactor.errors.tooMany", { minutes: Math.ceil(reserved.retryAfterSeconds / 60) }));
  }
  return reserved;
}

async function personOf(db: Db, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, totpSecret: users.totpSecret, totpPendingSecret: users.totpPendingSecret, totpEnabledAt: users.totpEnabledAt, totpLastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw unauthenticated();
  return row;
}

/** What a person's second factors are, for their security page (no secret). */
export type SecondFactorSummary = { totpEnabledAt: string | null; recoveryCodesLeft: number; hasRecoveryCodes: boolean; enrolling: boolean };

export async function getSecondFactorSummary(db: Db, actor: Actor | null): Promise<SecondFactorSummary> {
  if (!actor) throw unauthenticated();
  const person = await personOf(db, actor.id);
  const [codes] = await db
    .select({ all: count(), left: sql<number>`count(*) filter (where ${recoveryCodes.usedAt} is null)`.mapWith(Number) })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, actor.id));
  return { totpEnabledAt: person.totpEnabledAt?.toISOString() ?? null, recoveryCodesLeft: codes?.left ?? 0, hasRecoveryCodes: (codes?.all ?? 0) > 0, enrolling: !!person.totpPendingSecret };
}

/**
 * An enrolment in progress: the secret as text and its `otpauth://` address as a QR code, drawn as
 * one SVG path of the code's dark modules (`size` modules square). The page draws the path as
 * an element of its own: no markup from a library, and no `data:` image the pages' policy refuses.
 */
export type TotpEnrolment = { secret: string; uri: string; qr: { size: number; path: string } };

async function enrolmentOf(secret: string, email: string): Promise<TotpEnrolment> {
  const uri = totpOf(secret, email).toString();
  const { modules } = QRCode.create(uri, { errorCorrectionLevel: "M" });
  let path = "";
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) path += `M${x} ${y}h1v1h-1z`;
  }
  return { secret, uri, qr: { size: modules.size, path } };
}

/**
 * Starts (or restarts) enrolling an authenticator app: a new secret waits, sealed, until a code
 * from it is checked (`confirmTotp`). The person's current app, if any, keeps working meanwhile.
 */
export async function startTotpEnrolment(db: Db, actor: Actor | null): Promise<TotpEnrolment> {
  if (!actor) throw unauthenticated();
  const person = await personOf(db, actor.id);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.update(users).set({ totpPendingSecret: seal("totp-secret", secret) }).where(eq(users.id, actor.id));
  return enrolmentOf(secret, person.email);
}

/** The enrolment waiting for its first code (the page shown again), or null. */
export async function pendingTotpEnrolment(db: Db, actor: Actor | null): Promise<TotpEnrolment | null> {
  if (!actor) throw unauthenticated();
  const person = await personOf(db, actor.id);
  const secret = person.totpPendingSecret ? open("totp-secret", person.totpPendingSecret) : null;
  return secret ? enrolmentOf(secret, person.email) : null;
}

/** Ten fresh recovery codes, as shown (`xxxxx-xxxxx`). */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Replaces a person's recovery codes with ten new ones (inside the change's transaction); answers them, to be shown once. */
export async function replaceRecoveryCodesIn(tx: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: keyedHash("recovery-code", normalise(code)) })));
  await appendAuditEvent(tx, userId, { type: "user.factor_added", entity: { type: "user", id: userId }, data: { factor: "recovery_code", count: codes.length } });
  return codes;
}

/**
 * Keeps the app being enrolled once a code from it checks: the secret becomes the person's TOTP
 * secret (its step remembered, so the same code cannot sign in), audited and mailed. A person's
 * first second factor comes with ten recovery codes, answered here to be shown once.
 */
export async function confirmTotp(db: Db, actor: Actor | null, input: unknown): Promise<{ recoveryCodes: string[] | null }> {
  if (!actor) throw unauthenticated();
  const { code } = parseInput(ZCode, input);
  const reserved = await reserveCodeAttempt(db, actor.id, "totp");
  const result = await db.transaction(async (tx) => {
    const person = await personOf(tx, actor.id);
    const secret = person.totpPendingSecret ? open("totp-secret", person.totpPendingSecret) : null;
    if (!secret) throw new AppError("INVALID_STATE", tr("twoFactor.errors.noEnrolment"));
    const step = totpStepOf(secret, code);
    if (step === null) return null;
    const [{ codes }] = await tx.select({ codes: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await tx
      .update(users)
      .set({ totpSecret: person.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step })
      .where(eq(users.id, actor.id));
    await appendAuditEvent(tx, actor.id, { type: "user.factor_added", entity: { type: "user", id: actor.id }, data: { factor: "totp" } });
    await mailPerson(tx, person, { kind: "factorAdded", factor: "totp" });
    return { recoveryCodes: codes === 0 ? await replaceRecoveryCodesIn(tx, actor.id) : null };
  });
  if (!result) throw refusedCode();
  await release(db, reserved.reservation);
  return result;
}

/**
 * Removes the person's authenticator app. Refused (CONFLICT) when it is their last second factor
 * and their role must have one; with no second factor left, their recovery codes go too.
 */
export async function removeTotp(db: Db, actor: Actor | null): Promise<void> {
  if (!actor) throw unauthenticated();
  await db.transaction(async (tx) => {
    const person = await personOf(tx, actor.id);
    await tx.update(users).set({ totpPendingSecret: null }).where(eq(users.id, actor.id));
    if (!person.totpEnabledAt) return;
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, actor.id));
    await afterFactorRemoved(tx, actor, person, { factor: "totp" });
  });
}

/**
 * What follows the removal of one of a person's factors, in its transaction: refused when it was
 * their last and their role must keep one; else audited, mailed, and, with none left, their
 * recovery codes deleted (they recover nothing any more).
 */
export async function afterFactorRemoved(tx: Db, actor: Actor, person: { id: string; email: string }, removed: { factor: "totp" | "passkey"; credentialId?: string; name?: string }): Promise<void> {
  const left = await hasSecondFactor(tx, person.id);
  if (!left && (await roleMustEnrol(tx, actor.role))) throw new AppError("CONFLICT", tr("twoFactor.errors.lastFactorRequired"));
  if (!left) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, person.id));
  await appendAuditEvent(tx, actor.id, { type: "user.factor_removed", entity: { type: "user", id: person.id }, data: { ...removed, by: "self" } });
  await mailPerson(tx, person, { kind: "factorRemoved", factor: removed.factor, byAdmin: false });
}

/** Ten new recovery codes in place of the old ones (which stop working), for a person with a second factor; shown once. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor | null): Promise<string[]> {
  if (!actor) throw unauthenticated();
  return db.transaction(async (tx) => {
    if (!(await hasSecondFactor(tx, actor.id))) throw new AppError("INVALID_STATE", tr("twoFactor.errors.noFactor"));
    const person = await personOf(tx, actor.id);
    const codes = await replaceRecoveryCodesIn(tx, actor.id);
    await mailPerson(tx, person, { kind: "factorAdded", factor: "recovery_code" });
    return codes;
  });
}

/** A session that owes its second factor: its row and its person. */
export type VerifyingSession = { sessionId: string; userId: string };

/**
 * The second factor of a sign-in, given as a code: six digits from the authenticator app, or a
 * recovery code (which then stops working). Wrong, old and reused codes are refused and audited;
 * five failures in 15 minutes and the person must wait. Success opens the session (no longer
 * `awaitingSecondFactor`), audited with the factor.
 */
export async function verifySecondFactorCode(db: Db, session: VerifyingSession | null, input: unknown): Promise<void> {
  if (!session) throw unauthenticated();
  const { code } = parseInput(ZCode, input);
  const token = normalise(code);
  const factor: SecondFactor = /^\d{6}$/.test(token) ? "totp" : "recovery_code";
  const reserved = await reserveCodeAttempt(db, session.userId, factor);
  const outcome = await db.transaction(async (tx): Promise<{ ok: true } | { ok: false; reason: "wrong_code" | "reused_code" }> => {
    const [live] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.id, session.sessionId), eq(sessions.userId, session.userId), isNull(sessions.endedAt), eq(sessions.awaitingSecondFactor, true)))
      .for("update");
    if (!live) throw unauthenticated();
    let recoveryCodesLeft: number | undefined;
    if (factor === "totp") {
      const person = await personOf(tx, session.userId);
      const secret = person.totpSecret ? open("totp-secret", person.totpSecret) : null;
      const step = secret ? totpStepOf(secret, token) : null;
      if (step === null) return { ok: false, reason: "wrong_code" };
      // The guarded write makes "never the same step twice" hold under concurrent tries too.
      const kept = await tx
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, session.userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      if (kept.length === 0) return { ok: false, reason: "reused_code" };
    } else {
      const used = await tx
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(and(eq(recoveryCodes.userId, session.userId), eq(recoveryCodes.codeHash, keyedHash("recovery-code", token)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (used.length === 0) return { ok: false, reason: "wrong_code" };
      const [{ left }] = await tx.select({ left: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, session.userId), isNull(recoveryCodes.usedAt)));
      recoveryCodesLeft = left;
    }
    await passSession(tx, session, factor, { recoveryCodesLeft });
    return { ok: true };
  });
  if (!outcome.ok) {
    await recordAuditEvent(db, session.userId, { type: "auth.second_factor_failed", entity: { type: "user", id: session.userId }, data: { factor, reason: outcome.reason } });
    throw refusedCode(outcome.reason === "reused_code" ? "codeReused" : "codeWrong");
  }
  await release(db, reserved.reservation);
}

/** Opens a session whose second factor was just given, audited (inside that check's transaction). */
export async function passSession(tx: Db, session: VerifyingSession, factor: SecondFactor, extra: { credentialId?: string; recoveryCodesLeft?: number } = {}): Promise<void> {
  await tx.update(sessions).set({ awaitingSecondFactor: false }).where(eq(sessions.id, session.sessionId));
  await appendAuditEvent(tx, session.userId, {
    type: "auth.second_factor_passed",
    entity: { type: "user", id: session.userId },
    data: { factor, sessionId: session.sessionId, ...(extra.credentialId ? { credentialId: extra.credentialId } : {}), ...(extra.recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft: extra.recoveryCodesLeft }) },
  });
}

/** Which factors a person may give at the second-factor page. */
export async function factorsOf(db: Db, userId: string): Promise<{ totp: boolean; passkey: boolean; recoveryCodes: boolean }> {
  const [person] = await db.select({ totp: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  const [codes] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const [keys] = await db.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
  return { totp: !!person?.totp, passkey: (keys?.n ?? 0) > 0, recoveryCodes: (codes?.n ?? 0) > 0 };
}

/**
 * Who a session may add a second factor for: a full session's person, or one whose role must
 * enrol; never a sign-in that still owes its second factor (a password alone adds none).
 */
export function enrollingActor(signedIn: SignedIn | null): Actor | null {
  return signedIn && signedIn.stage !== "verify" ? signedIn.actor : null;
}

/** The sign-in a second factor may be given for: a session that owes one. */
export function verifyingSession(signedIn: SignedIn | null): VerifyingSession | null {
  return signedIn?.stage === "verify" ? { sessionId: signedIn.sessionId, userId: signedIn.actor.id } : null;
}
