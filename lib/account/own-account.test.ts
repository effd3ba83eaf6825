import { and, asc, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, mailOutbox, sessions, users } from "@/db/schema";
import { authenticateCredentials } from "@/lib/auth/authenticate";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { findSignedIn } from "@/lib/auth/sessions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import { changeOwnPassword, getOwnAccount, MAX_PASSWORD_CHECKS, renameSelf } from "./own-account";

const PASSWORD = "the first long password";
const NEW_PASSWORD = "a second, longer password";
let counter = 0;

describe.each(TEST_DRIVERS)("own account on %s", (driver) => {
  const world = useTestWorld(driver);

  async function person() {
    const email = `own-${++counter}-${Date.now()}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Own person ${counter}`, role: "reviewer", password: PASSWORD });
    return { actor: { id: user.id, role: "reviewer" as const, name: user.name }, email };
  }

  async function signIn(email: string, password = PASSWORD) {
    const result = await authenticateCredentials(world.db, { email, password, address: `198.51.100.${++counter % 250}` });
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    return { sessionId: result.sessionId, userId: result.user.id, sessionVersion: result.user.sessionVersion };
  }

  const eventsOf = (userId: string) =>
    world.db
      .select({ type: auditEvents.type, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
      .orderBy(desc(auditEvents.seq));
  const mailTo = (email: string) => world.db.select({ subject: mailOutbox.subject, text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(asc(mailOutbox.createdAt));

  it("renames the person, audited with before and after; the same name again writes nothing", async () => {
    const { actor } = await person();
    expect(await renameSelf(world.db, actor, { name: "  Amal Haddad " })).toEqual({ name: "Amal Haddad" });
    expect((await getOwnAccount(world.db, actor)).name).toBe("Amal Haddad");
    const [latest] = await eventsOf(actor.id);
    expect(latest).toEqual({ type: "user.updated", actorId: actor.id, data: { changes: { name: { before: actor.name, after: "Amal Haddad" } } } });
    const count = (await eventsOf(actor.id)).length;
    await renameSelf(world.db, actor, { name: "Amal Haddad" });
    expect((await eventsOf(actor.id)).length).toBe(count);
    const empty = await rejection(renameSelf(world.db, actor, { name: "  " }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(Object.keys(empty.details.fieldErrors ?? {})).toEqual(["name"]);
    expect((await rejection(renameSelf(world.db, null, { name: "X" }))).code).toBe("UNAUTHORIZED");
  });

  it("changes the password with the current one: the other sessions end, this one stays, a mail and an event say so", async () => {
    const { actor, email } = await person();
    const here = await signIn(email);
    const elsewhere = await signIn(email);
    const result = await changeOwnPassword(world.db, actor, here.sessionId, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result).toEqual({ sessionsEnded: 1 });
    expect((await findSignedIn(world.db, here))?.stage).toBe("full");
    expect(await findSignedIn(world.db, elsewhere)).toBeNull();
    const [ended] = await world.db.select({ endedAt: sessions.endedAt }).from(sessions).where(eq(sessions.id, elsewhere.sessionId));
    expect(ended.endedAt).not.toBeNull();
    expect((await authenticateCredentials(world.db, { email, password: PASSWORD, address: "198.51.100.251" })).ok).toBe(false);
    expect((await authenticateCredentials(world.db, { email, password: NEW_PASSWORD, address: "198.51.100.252" })).ok).toBe(true);
    const events = await eventsOf(actor.id);
    const changed = events.find((e) => e.type === "user.password_changed");
    expect(changed).toEqual({ type: "user.password_changed", actorId: actor.id, data: { how: "changed", sessionsEnded: 1 } });
    expect(events.find((e) => e.type === "session.ended")?.data).toEqual({ sessionId: elsewhere.sessionId, reason: "password_changed" });
    expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Your Corroborate password was changed");
    expect(mails[0].text).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong current password and a mistyped repeat, changing nothing", async () => {
    const { actor, email } = await person();
    const [before] = await world.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
    const wrong = await rejection(changeOwnPassword(world.db, actor, null, { currentPassword: "not my password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.details.fieldErrors).toEqual({ currentPassword: ["The current password is not right."] });
    const differ = await rejection(changeOwnPassword(world.db, actor, null, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }));
    expect(Object.keys(differ.details.fieldErrors ?? {})).toEqual(["confirmPassword"]);
    const short = await rejection(changeOwnPassword(world.db, actor, null, { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }));
    expect(Object.keys(short.details.fieldErrors ?? {})).toEqual(["newPassword"]);
    const [after] = await world.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
    expect(after.hash).toBe(before.hash);
    expect((await eventsOf(actor.id)).some((e) => e.type === "user.password_changed")).toBe(false);
    expect(await mailTo(email)).toHaveLength(0);
  });

  it("limits guesses at the current password: after the limit even the right one is refused", async () => {
    const { actor } = await person();
    for (let i = 0; i < MAX_PASSWORD_CHECKS; i++) {
      expect((await rejection(changeOwnPassword(world.db, actor, null, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("BAD_REQUEST");
    }
    const limited = await rejection(changeOwnPassword(world.db, actor, null, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("refuses a read-only actor and nobody", async () => {
    const { actor } = await person();
    expect((await rejection(changeOwnPassword(world.db, { ...actor, readOnly: true }, null, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("FORBIDDEN");
    expect((await rejection(changeOwnPassword(world.db, null, null, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).code).toBe("UNAUTHORIZED");
  });
});
