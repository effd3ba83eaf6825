import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks, mailOutbox, users } from "@/db/schema";
import { bigString, MARKUP, SQL, UNICODE, UNSTORABLE, WRONG_FOR_STRING } from "@/e2e/security/support/attack-corpus";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { outcome, rejection } from "@/lib/test/errors";
import { useTestWorld } from "@/lib/test/world";
import { createUser } from "@/lib/users/create-user";
import { changeOwnPassword, getOwnAccount, renameSelf } from "./own-account";
import { requestPasswordReset, resetPassword } from "./password-reset";

/**
 * The attack corpus against the self-service doors (issue 19): a person's own name, the password
 * change, "forgot your password?" and the reset link. Text that is valid is stored exactly and
 * never interpreted; what cannot be stored, the wrong type or too much is a 400 naming the field;
 * nothing is ever a 500, and a hostile reset address or token finds nobody and mails nobody.
 */

const PASSWORD = "the first long password";
let counter = 0;

describe.each(TEST_DRIVERS)("attacks on the self-service doors on %s", (driver) => {
  const world = useTestWorld(driver);

  async function person() {
    const email = `attack-${++counter}-${Date.now()}@example.test`;
    const user = await createUser(world.db, SYSTEM_ACTOR, { email, name: `Attack person ${counter}`, role: "submitter", password: PASSWORD });
    return { actor: { id: user.id, role: "submitter" as const, name: user.name }, email };
  }
  const client = () => ({ address: `198.18.0.${++counter % 250}`, askedOrigin: "http://corroborate.example" });

  it("a name of markup, SQL or unusual Unicode is stored exactly, as text", async () => {
    const { actor } = await person();
    for (const { id, value } of [...MARKUP, ...SQL, ...UNICODE]) {
      const expected = value.trim().slice(0, 200);
      if (value.trim().length > 200) continue;
      expect(await renameSelf(world.db, actor, { name: value }), id).toEqual({ name: expected });
      expect((await getOwnAccount(world.db, actor)).name, id).toBe(expected);
    }
  });

  it("a name that cannot be stored, of the wrong type or too long is a 400 naming it", async () => {
    const { actor } = await person();
    const before = (await getOwnAccount(world.db, actor)).name;
    for (const { id, value } of [...UNSTORABLE, ...WRONG_FOR_STRING, { id: "100 kB", value: bigString() }]) {
      const refused = await rejection(renameSelf(world.db, actor, { name: value }));
      expect(refused.code, id).toBe("BAD_REQUEST");
      expect(Object.keys(refused.details.fieldErrors ?? {}), id).toEqual(["name"]);
    }
    const extra = await rejection(renameSelf(world.db, actor, { name: "Fine", role: "admin" }));
    expect(Object.keys(extra.details.fieldErrors ?? {})).toEqual(["role"]);
    expect((await getOwnAccount(world.db, actor)).name).toBe(before);
  });

  it("hostile password fields are a 400 (or a wrong password), never a 500, and change nothing", async () => {
    const { actor } = await person();
    const [{ hash }] = await world.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
    const hostile = [...UNSTORABLE, ...WRONG_FOR_STRING, { id: "100 kB", value: bigString() }];
    for (const { id, value } of hostile) {
      for (const field of ["newPassword", "confirmPassword"]) {
        const input = { currentPassword: PASSWORD, newPassword: "a long new password", confirmPassword: "a long new password", [field]: value };
        expect(await outcome(changeOwnPassword(world.db, actor, null, input)), `${field}: ${id}`).toBe("BAD_REQUEST");
      }
    }
    expect(await outcome(changeOwnPassword(world.db, actor, null, "not an object")), "a string for the form").toBe("BAD_REQUEST");
    const [{ hash: after }] = await world.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
    expect(after).toBe(hash);
  });

  it("a hostile reset address is answered as any other (or refused as the wrong type), finds nobody and mails nobody", async () => {
    const { id: userId } = (await person()).actor;
    const mailBefore = (await world.db.select({ id: mailOutbox.id }).from(mailOutbox)).length;
    // All at once: an address that is taken is answered after the same 400 ms as any other
    // (RESET_ANSWER_MS), and one after another those waits were nearly all of this file's time.
    // Each has a client address of its own, so none is limited by another.
    const hostile = [...MARKUP, ...SQL, ...UNICODE, ...UNSTORABLE];
    const results = await Promise.all(
      hostile.map(({ value }) => outcome(requestPasswordReset(world.db, { email: value }, { ...client(), address: `198.19.${counter % 250}.${++counter % 250}` }))),
    );
    hostile.forEach(({ id }, i) => expect(["ok", "BAD_REQUEST"], id).toContain(results[i]));
    for (const { id, value } of WRONG_FOR_STRING) {
      expect(await outcome(requestPasswordReset(world.db, { email: value }, client())), id).toBe("BAD_REQUEST");
    }
    expect(await outcome(requestPasswordReset(world.db, { email: "a@b.test", extra: 1 }, client()))).toBe("BAD_REQUEST");
    expect(await world.db.select().from(accountLinks).where(eq(accountLinks.userId, userId))).toHaveLength(0);
    // The SQL payloads named no one: no link was written, no mail queued.
    expect(await world.db.select().from(accountLinks).where(eq(accountLinks.purpose, "password_reset"))).toHaveLength(0);
    expect((await world.db.select({ id: mailOutbox.id }).from(mailOutbox)).length).toBe(mailBefore);
  });

  it("a hostile reset token finds no link: NOT_FOUND (or a 400 for the wrong type), never a 500", async () => {
    const good = { newPassword: "a long new password", confirmPassword: "a long new password" };
    for (const { id, value } of [...MARKUP, ...SQL, ...UNICODE, ...UNSTORABLE, { id: "43 dots", value: ".".repeat(43) }, { id: "100 kB", value: bigString() }]) {
      expect(["NOT_FOUND", "BAD_REQUEST"], id).toContain(await outcome(resetPassword(world.db, { token: value, ...good })));
    }
    for (const { id, value } of WRONG_FOR_STRING) expect(await outcome(resetPassword(world.db, { token: value, ...good })), id).toBe("BAD_REQUEST");
  });
});
