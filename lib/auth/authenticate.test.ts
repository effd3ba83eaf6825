import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import type { Role } from "@/lib/vocabulary";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { rowCount } from "@/lib/test/counts";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import { authenticateCredentials, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "./authenticate";
import { SYSTEM_ACTOR } from "./permissions";

const PASSWORD = "correct horse battery staple";
let counter = 0;

describe.each(TEST_DRIVERS)("authenticateCredentials on %s", (driver) => {
  const world = useTestWorld(driver);

  /** A fresh account (and a fresh address), so the rate limits of one test never touch another. */
  async function account(role: Role = "reviewer") {
    const n = ++counter;
    const email = `sign-in-${n}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Person ${n}`, role, password: PASSWORD });
    return { user, email, address: `198.51.100.${n}` };
  }

  async function eventsOf(userId: string) {
    return world.db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
      .orderBy(desc(auditEvents.seq));
  }

  it("signs in with the right password, whatever the e-mail's case and spaces, and audits it", async () => {
    const { user, email, address } = await account("editor");
    const result = await authenticateCredentials(world.db, { email: `  ${email.toUpperCase()} `, password: PASSWORD, address });
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, email, name: user.name, role: "editor", sessionVersion: 1 },
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      awaitingSecondFactor: false,
    });
    const sessionId = result.ok ? result.sessionId : "";
    const [latest] = await eventsOf(user.id);
    expect(latest).toEqual({ type: "auth.sign_in_succeeded", actorId: user.id, data: { method: "credentials", sessionId } });
  });

  it("refuses a wrong password with the generic answer, and audits wrong_password", async () => {
    const { user, email, address } = await account();
    const before = await rowCount(world.db, "audit_events");
    const sessionsBefore = await rowCount(world.db, "sessions");
    const result = await authenticateCredentials(world.db, { email, password: `${PASSWORD}!`, address });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(await rowCount(world.db, "audit_events")).toBe(before + 1);
    expect(await rowCount(world.db, "sessions"), "no session started").toBe(sessionsBefore);
    const [latest] = await eventsOf(user.id);
    expect(latest).toEqual({ type: "auth.sign_in_failed", actorId: null, data: { reason: "wrong_password" } });
    expect(JSON.stringify(latest)).not.toContain(PASSWORD);
  });

  it("answers an unknown e-mail exactly as a wrong password", async () => {
    const { address } = await account();
    const failuresBefore = await rowCount(world.db, "sign_in_failures");
    const result = await authenticateCredentials(world.db, { email: "nobody@example.test", password: PASSWORD, address });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    // it still counts towards the limits (one row for the account key, one for the address)
    expect(await rowCount(world.db, "sign_in_failures")).toBe(failuresBefore + 2);
  });

  it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even for the right password from another address`, async () => {
    const { user, email, address } = await account();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await authenticateCredentials(world.db, { email, password: "wrong password", address })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    for (const from of [address, "203.0.113.250"]) {
      const result = await authenticateCredentials(world.db, { email, password: PASSWORD, address: from });
      expect(result.ok).toBe(false);
      if (result.ok || result.reason !== "rate_limited") throw new Error(`expected rate_limited, got ${JSON.stringify(result)}`);
      expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(900);
    }
    const events = await eventsOf(user.id);
    expect(events.filter((e) => e.type === "auth.sign_in_succeeded")).toHaveLength(0);
    expect(events.filter((e) => (e.data as { reason?: string }).reason === "wrong_password")).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(events.filter((e) => (e.data as { reason?: string }).reason === "rate_limited")).toHaveLength(2);

    // another account is not affected
    const other = await account();
    expect((await authenticateCredentials(world.db, { email: other.email, password: PASSWORD, address })).ok).toBe(true);
  });

  it(`limits an address after ${MAX_FAILURES_PER_ADDRESS} failures across different accounts`, async () => {
    const address = "192.0.2.77";
    const target = await account();
    const victims = await Promise.all([account(), account(), account(), account()]);
    // fewer than the per-account limit on each known account, the rest on unknown e-mails
    let failures = 0;
    for (const v of victims) {
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++, failures++) {
        expect(await authenticateCredentials(world.db, { email: v.email, password: "guess", address })).toEqual({ ok: false, reason: "invalid" });
      }
    }
    while (failures < MAX_FAILURES_PER_ADDRESS) {
      expect(
        await authenticateCredentials(world.db, { email: `ghost-${failures}@example.test`, password: "guess", address }),
      ).toEqual({ ok: false, reason: "invalid" });
      failures++;
    }
    const limited = await authenticateCredentials(world.db, { email: target.email, password: PASSWORD, address });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!limited.ok && limited.reason === "rate_limited") {
      expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(900);
    }
    // the same account from another address is fine: the address was limited, not the account
    expect((await authenticateCredentials(world.db, { email: target.email, password: PASSWORD, address: target.address })).ok).toBe(true);
  });

  it(`does not let ${MAX_FAILURES_PER_ACCOUNT * 2} concurrent guesses past the per-account limit`, async () => {
    const { user, email, address } = await account();
    const results = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ACCOUNT * 2 }, (_, i) =>
        authenticateCredentials(world.db, { email, password: `guess ${i}`, address }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid");
    // every "invalid" is a password actually tried; the limit allows MAX_FAILURES_PER_ACCOUNT
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    const tried = (await eventsOf(user.id)).filter((e) => (e.data as { reason?: string }).reason === "wrong_password");
    expect(tried.length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
  });

  it("refuses an inactive user with the generic answer, and audits inactive", async () => {
    const { user, email, address } = await account();
    await world.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    const result = await authenticateCredentials(world.db, { email, password: PASSWORD, address });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const events = await eventsOf(user.id);
    expect(events[0]).toEqual({ type: "auth.sign_in_failed", actorId: null, data: { reason: "inactive" } });
    expect(events.some((e) => e.type === "auth.sign_in_succeeded")).toBe(false);
    expect((await verifyAuditChainUnchecked(world.db)).ok).toBe(true);
  });
});
