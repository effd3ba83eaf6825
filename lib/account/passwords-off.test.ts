import { desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { accountLinks, mailOutbox, users } from "@/db/schema";
import { issueLink } from "@/lib/auth/one-time-links";
import { env } from "@/lib/env";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { acceptInvitation } from "@/lib/users/accept-invitation";
import { inviteUser } from "@/lib/users/invite-user";
import { requestPasswordReset, resetPassword } from "./password-reset";

const settable = env as { PASSWORD_SIGN_IN: "on" | "off" };
const PASSWORD = "a new and long password";

describe.each(TEST_DRIVERS)("with PASSWORD_SIGN_IN=off on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });
  afterEach(() => {
    settable.PASSWORD_SIGN_IN = "on";
  });

  it("no password is set from an invitation or a reset link, and no reset link is sent, with the same answers as ever", async () => {
    const { db } = world;
    const email = `passwords-off-${Date.now()}@example.test`;
    settable.PASSWORD_SIGN_IN = "off";
    await inviteUser(db, world.admin, { email, role: "reviewer" }, { askedOrigin: "http://people.test" });
    const [mail] = await db.select({ text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    // The mail says how they join: through the organisation, not with a password.
    expect(mail.text).toContain("Sign in through your organisation to join");
    expect(mail.text).not.toContain("Set your password");
    const refused = await rejection(acceptInvitation(db, { token, name: "Invited", password: PASSWORD, passwordAgain: PASSWORD }));
    expect([refused.code, refused.details.guard]).toEqual(["INVALID_STATE", "password_sign_in"]);
    const [pending] = await db.select({ passwordHash: users.passwordHash, joinedAt: users.joinedAt }).from(users).where(eq(users.email, email));
    expect(pending).toEqual({ passwordHash: null, joinedAt: null });

    const person = await makeActor(db, "editor");
    const [{ email: personEmail }] = await db.select({ email: users.email }).from(users).where(eq(users.id, person.id));
    const linksBefore = (await db.select().from(accountLinks).where(eq(accountLinks.userId, person.id))).length;
    await requestPasswordReset(db, { email: personEmail }, { address: "203.0.113.9" });
    expect((await db.select().from(accountLinks).where(eq(accountLinks.userId, person.id))).length).toBe(linksBefore);
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, personEmail))).toEqual([]);

    const link = await db.transaction((tx) => issueLink(tx, person.id, "password_reset", null));
    const reset = await rejection(resetPassword(db, { token: link.token, newPassword: PASSWORD, confirmPassword: PASSWORD }));
    expect(reset.code).toBe("INVALID_STATE");
    expect((await db.select({ usedAt: accountLinks.usedAt }).from(accountLinks).where(eq(accountLinks.id, link.id)))[0].usedAt).toBeNull();
  });
});
