import { and, desc, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { auditEvents, mailOutbox, recoveryCodes, sessions, users, webauthnCredentials } from "@/db/schema";
import { isAppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import type { Role } from "@/lib/vocabulary";
import { type Actor, SYSTEM_ACTOR } from "./permissions";
import {
  CODE_ATTEMPTS,
  confirmTotp,
  enrollingActor,
  factorsOf,
  getSecondFactorSummary,
  pendingTotpEnrolment,
  regenerateRecoveryCodes,
  removeTotp,
  startTotpEnrolment,
  verifySecondFactorCode,
  verifyingSession,
} from "./second-factor";
import { findSignedIn, hasSecondFactor, openSession } from "./sessions";
import { getTwoFactorPolicy, setTwoFactorPolicy } from "./two-factor-policy";

const STEP_MS = 30_000;
let counter = 0;

/** The code an authenticator app shows for `secret`, `steps` time steps from now. */
function codeOf(secret: string, steps = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + steps * STEP_MS });
}

async function refusal(run: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: unknown }> {
  try {
    await run;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, fieldErrors: (error.details as { fieldErrors?: unknown } | undefined)?.fieldErrors };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(TEST_DRIVERS)("second factors on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin", "submitter"] });

  async function person(role: Role = "reviewer"): Promise<Actor & { email: string }> {
    const n = ++counter;
    const email = `factor-${n}-${Date.now()}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Factor person ${n}`, role, password: "correct horse battery staple" });
    return { id: user.id, role, name: user.name, email };
  }

  /** A password sign-in of that person, as the credentials check opens it. */
  async function signIn(who: Actor) {
    const opened = await world.db.transaction((tx) => openSession(tx, who.id, { method: "credentials", userAgent: "test", address: "192.0.2.1" }));
    const [row] = await world.db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, who.id));
    const signedIn = await findSignedIn(world.db, { sessionId: opened.id, userId: who.id, sessionVersion: row.version });
    return { sessionId: opened.id, signedIn, stage: async () => (await findSignedIn(world.db, { sessionId: opened.id, userId: who.id, sessionVersion: row.version }))?.stage };
  }

  /** A person with an authenticator app (enrolled with a code of this step) and their recovery codes. */
  async function enrolled(role: Role = "reviewer") {
    const who = await person(role);
    const { secret } = await startTotpEnrolment(world.db, who);
    const { recoveryCodes: codes } = await confirmTotp(world.db, who, { code: codeOf(secret) });
    return { who, secret, codes: codes! };
  }

  async function eventsOf(userId: string) {
    return world.db
      .select({ type: auditEvents.type, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
      .orderBy(desc(auditEvents.seq));
  }

  async function mailTo(email: string) {
    return world.db.select({ subject: mailOutbox.subject, text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt));
  }

  it("enrolling an app keeps the secret only once a code from it checks, sealed, with ten recovery codes and a mail", async () => {
    const who = await person();
    const enrolment = await startTotpEnrolment(world.db, who);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.uri).toContain("algorithm=SHA1&digits=6&period=30");
    expect(enrolment.qr.size).toBeGreaterThanOrEqual(21);
    expect(enrolment.qr.path).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
    expect(await pendingTotpEnrolment(world.db, who)).toMatchObject({ secret: enrolment.secret });
    expect(await hasSecondFactor(world.db, who.id)).toBe(false);

    const wrong = await refusal(confirmTotp(world.db, who, { code: codeOf(enrolment.secret, 3) }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.message).toBe("That code is not right. Check the time on your phone, or try a recovery code.");
    expect(await hasSecondFactor(world.db, who.id)).toBe(false);

    const { recoveryCodes: codes } = await confirmTotp(world.db, who, { code: codeOf(enrolment.secret) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes!) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await hasSecondFactor(world.db, who.id)).toBe(true);
    const [row] = await world.db.select({ secret: users.totpSecret, pending: users.totpPendingSecret }).from(users).where(eq(users.id, who.id));
    expect(row.pending).toBeNull();
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(enrolment.secret);
    const stored = await world.db.select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, who.id));
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.hash)).not.toContain(codes![0]);
    const events = await eventsOf(who.id);
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(["user.factor_added", "user.factor_added"]);
    expect(events.map((e) => e.data)).toEqual(expect.arrayContaining([{ factor: "totp" }, { factor: "recovery_code", count: 10 }]));
    expect(JSON.stringify(events)).not.toContain(enrolment.secret);
    expect((await mailTo(who.email))[0]).toMatchObject({ subject: "A second factor was added to your Corroborate account" });
    expect(await getSecondFactorSummary(world.db, who)).toMatchObject({ recoveryCodesLeft: 10, enrolling: false });
  });

  it("a sign-in owes its second factor: wrong, old and reused codes are refused, the next step's code opens it", async () => {
    const { who, secret } = await enrolled();
    const session = await signIn(who);
    expect(session.signedIn?.stage).toBe("verify");
    // A half-signed-in session may not enrol another factor with its password alone.
    expect(enrollingActor(session.signedIn)).toBeNull();
    const verifying = verifyingSession(session.signedIn);

    const wrongCode = String((Number(codeOf(secret)) + 1) % 1_000_000).padStart(6, "0");
    expect((await refusal(verifySecondFactorCode(world.db, verifying, { code: wrongCode }))).code).toBe("BAD_REQUEST");
    const old = await refusal(verifySecondFactorCode(world.db, verifying, { code: codeOf(secret, -2) }));
    expect(old.code).toBe("BAD_REQUEST");
    // The code that enrolled the app is of a step already accepted.
    const reused = await refusal(verifySecondFactorCode(world.db, verifying, { code: codeOf(secret) }));
    expect(reused.message).toBe("That code has already been used. Wait for the next one.");
    expect(await session.stage()).toBe("verify");

    await verifySecondFactorCode(world.db, verifying, { code: codeOf(secret, 1) });
    expect(await session.stage()).toBe("full");
    const events = await eventsOf(who.id);
    expect(events[0]).toEqual({ type: "auth.second_factor_passed", data: { factor: "totp", sessionId: session.sessionId } });
    expect(events.filter((e) => e.type === "auth.second_factor_failed").map((e) => e.data)).toEqual([
      { factor: "totp", reason: "reused_code" },
      { factor: "totp", reason: "wrong_code" },
      { factor: "totp", reason: "wrong_code" },
    ]);

    // The same code in another session is refused too: its step has been used.
    const second = await signIn(who);
    const again = await refusal(verifySecondFactorCode(world.db, verifyingSession(second.signedIn), { code: codeOf(secret, 1) }));
    expect(again.code).toBe("BAD_REQUEST");
    expect(await second.stage()).toBe("verify");
  });

  it("a recovery code works once, and the ones replaced by new codes work no more", async () => {
    const { who, codes } = await enrolled();
    const first = await signIn(who);
    await verifySecondFactorCode(world.db, verifyingSession(first.signedIn), { code: ` ${codes[0].toUpperCase()} ` });
    expect(await first.stage()).toBe("full");
    expect((await eventsOf(who.id))[0]).toEqual({ type: "auth.second_factor_passed", data: { factor: "recovery_code", sessionId: first.sessionId, recoveryCodesLeft: 9 } });

    const second = await signIn(who);
    expect((await refusal(verifySecondFactorCode(world.db, verifyingSession(second.signedIn), { code: codes[0] }))).code).toBe("BAD_REQUEST");
    expect(await second.stage()).toBe("verify");

    const fresh = await regenerateRecoveryCodes(world.db, who);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[1]);
    expect((await refusal(verifySecondFactorCode(world.db, verifyingSession(second.signedIn), { code: codes[1] }))).code).toBe("BAD_REQUEST");
    await verifySecondFactorCode(world.db, verifyingSession(second.signedIn), { code: fresh[0] });
    expect(await second.stage()).toBe("full");
  });

  it("a passkey alone is a second factor: a sign-in then owes it", async () => {
    const who = await person();
    await world.db.insert(webauthnCredentials).values({ userId: who.id, credentialId: `cred-${who.id}`, publicKey: "AAAA", name: "Key" });
    expect(await hasSecondFactor(world.db, who.id)).toBe(true);
    expect((await signIn(who)).signedIn?.stage).toBe("verify");
    expect(await factorsOf(world.db, who.id)).toEqual({ totp: false, passkey: true, recoveryCodes: false });
  });

  it("guessing is limited: after five wrong codes even the right one waits, and the refusals are audited", async () => {
    const { who, secret } = await enrolled();
    const session = await signIn(who);
    const verifying = verifyingSession(session.signedIn);
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      expect((await refusal(verifySecondFactorCode(world.db, verifying, { code: "000000" === codeOf(secret, 1) ? "111111" : "000000" }))).code).toBe("BAD_REQUEST");
    }
    const limited = await refusal(verifySecondFactorCode(world.db, verifying, { code: codeOf(secret, 1) }));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toMatch(/^Too many wrong codes\. Try again in 1[45] minutes\.$/);
    expect(await session.stage()).toBe("verify");
    expect((await eventsOf(who.id))[0]).toEqual({ type: "auth.second_factor_failed", data: { factor: "totp", reason: "rate_limited" } });
    // A recovery code is a guess like any other.
    expect((await refusal(verifySecondFactorCode(world.db, verifying, { code: "aaaaa-bbbbb" }))).code).toBe("RATE_LIMITED");
  });

  it("a full session gives no second factor, and nobody gives one for nobody", async () => {
    const { who, secret } = await enrolled();
    const session = await signIn(who);
    await verifySecondFactorCode(world.db, verifyingSession(session.signedIn), { code: codeOf(secret, 1) });
    const full = await findSignedIn(world.db, { sessionId: session.sessionId, userId: who.id, sessionVersion: 1 });
    expect(verifyingSession(full)).toBeNull();
    expect((await refusal(verifySecondFactorCode(world.db, null, { code: "123456" }))).code).toBe("UNAUTHORIZED");
    // A session row that no longer owes one is refused even when named directly.
    expect((await refusal(verifySecondFactorCode(world.db, { sessionId: session.sessionId, userId: who.id }, { code: codeOf(secret, 1) }))).code).toBe("UNAUTHORIZED");
  });

  it("removing the app removes the recovery codes with it, mailed and audited; the policy keeps a required role's last factor", async () => {
    const { who } = await enrolled("editor");
    await removeTotp(world.db, who);
    expect(await hasSecondFactor(world.db, who.id)).toBe(false);
    expect(await world.db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, who.id))).toEqual([]);
    expect((await eventsOf(who.id))[0]).toEqual({ type: "user.factor_removed", data: { factor: "totp", by: "self" } });
    expect((await mailTo(who.email))[0].subject).toBe("A second factor was removed from your Corroborate account");

    const { who: editor } = await enrolled("editor");
    await setTwoFactorPolicy(world.db, world.admin, { submitter: false, reviewer: false, editor: true, admin: false });
    try {
      expect((await refusal(removeTotp(world.db, editor))).code).toBe("CONFLICT");
      expect(await hasSecondFactor(world.db, editor.id)).toBe(true);
    } finally {
      await setTwoFactorPolicy(world.db, world.admin, { submitter: false, reviewer: false, editor: false, admin: false });
    }
  });

  it("the policy: only an admin sets it, audited; a person of a required role without a factor may only enrol, then the session opens", async () => {
    expect((await refusal(setTwoFactorPolicy(world.db, world.submitter, { submitter: false, reviewer: false, editor: true, admin: false }))).code).toBe("FORBIDDEN");
    expect((await refusal(getTwoFactorPolicy(world.db, world.submitter))).code).toBe("FORBIDDEN");
    expect((await refusal(setTwoFactorPolicy(world.db, world.admin, { editor: true }))).code).toBe("BAD_REQUEST");
    const editor = await person("editor");
    await setTwoFactorPolicy(world.db, world.admin, { submitter: false, reviewer: false, editor: true, admin: false });
    try {
      expect(await getTwoFactorPolicy(world.db, world.admin)).toEqual({ submitter: false, reviewer: false, editor: true, admin: false });
      const [event] = await world.db
        .select({ type: auditEvents.type, data: auditEvents.data, actorId: auditEvents.actorId })
        .from(auditEvents)
        .where(eq(auditEvents.entityType, "settings"))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      expect(event).toEqual({ type: "settings.two_factor_policy_changed", actorId: world.admin.id, data: { changes: { editor: { before: false, after: true } } } });

      const session = await signIn(editor);
      expect(session.signedIn?.stage).toBe("enrol");
      expect(enrollingActor(session.signedIn)).toMatchObject({ id: editor.id });
      expect(verifyingSession(session.signedIn)).toBeNull();
      const { secret } = await startTotpEnrolment(world.db, enrollingActor(session.signedIn));
      await confirmTotp(world.db, enrollingActor(session.signedIn), { code: codeOf(secret) });
      expect(await session.stage()).toBe("full");
      // A reviewer (not required) signs in to a full session.
      expect((await signIn(await person("reviewer"))).signedIn?.stage).toBe("full");
    } finally {
      await setTwoFactorPolicy(world.db, world.admin, { submitter: false, reviewer: false, editor: false, admin: false });
    }
    const [live] = await world.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, editor.id));
    expect(live).toBeTruthy();
  });
});
