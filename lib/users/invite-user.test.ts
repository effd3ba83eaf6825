import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountLinks, mailOutbox, users } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-events";
import { authenticateCredentials } from "@/lib/auth/authenticate";
import { rejection } from "@/lib/test/errors";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { acceptInvitation, findInvitation } from "./accept-invitation";
import { inviteUser } from "./invite-user";
import { changeUser } from "./update-user";

const ORIGIN = { askedOrigin: "http://people.test:3000" };
const PASSWORD = "a long enough password";
let counter = 0;

describe.each(TEST_DRIVERS)("inviting and accepting on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["admin"] });
  const freshEmail = () => `invitee-${++counter}-${Date.now()}@example.test`;

  /** The newest message to an address, and the invitation token in its link. */
  async function mailTo(email: string) {
    const [message] = await world.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(message?.text ?? "")?.[1];
    return { message, token };
  }

  it("creates the person not yet joined, mails a one-time link, and audits the invitation without the link", async () => {
    const { db } = world;
    const email = freshEmail();
    const invitation = await inviteUser(db, world.admin, { email: email.toUpperCase(), role: "reviewer" }, ORIGIN);
    expect(invitation).toMatchObject({ email, role: "reviewer", reissued: false });
    const [row] = await db.select({ joinedAt: users.joinedAt, passwordHash: users.passwordHash, role: users.role, isActive: users.isActive }).from(users).where(eq(users.id, invitation.userId));
    expect(row).toEqual({ joinedAt: null, passwordHash: null, role: "reviewer", isActive: true });
    const { message, token } = await mailTo(email);
    expect(message.subject).toBe("You are invited to Corroborate");
    expect(message.text).toContain(`http://people.test:3000/invite/${token}`);
    expect(message.text).toContain("as reviewer.");
    expect(JSON.stringify(invitation)).not.toContain(token!);
    const expiresInHours = (Date.parse(invitation.expiresAt) - Date.now()) / 3_600_000;
    expect(expiresInHours).toBeGreaterThan(71.9);
    expect(expiresInHours).toBeLessThanOrEqual(72);
    const events = await listAuditEvents(db, world.admin, { entity: `user:${invitation.userId}` });
    expect(events.items.at(-1)).toMatchObject({ type: "user.invited", actor: { id: world.admin.id }, data: { email, role: "reviewer", expiresAt: invitation.expiresAt } });
    expect(JSON.stringify(events.items)).not.toContain(token!);
    // Before joining, the person cannot sign in (no password).
    expect((await authenticateCredentials(db, { email, password: PASSWORD, address: "192.0.2.10" })).ok).toBe(false);
  });

  it("accepting sets the password and name, joins the person once; they then sign in with the invited role", async () => {
    const { db } = world;
    const email = freshEmail();
    const { userId } = await inviteUser(db, world.admin, { email, role: "editor" }, ORIGIN);
    const { token } = await mailTo(email);
    expect(await findInvitation(db, token!)).toMatchObject({ email });
    expect(await acceptInvitation(db, { token: token!, name: "Nour Haddad", password: PASSWORD, passwordAgain: PASSWORD })).toEqual({ email });
    const [row] = await db.select({ name: users.name, joinedAt: users.joinedAt }).from(users).where(eq(users.id, userId));
    expect(row.name).toBe("Nour Haddad");
    expect(row.joinedAt).toBeInstanceOf(Date);
    const events = await listAuditEvents(db, world.admin, { entity: `user:${userId}` });
    expect(events.items.at(-1)).toMatchObject({ type: "user.joined", actor: { id: userId }, data: { method: "credentials" } });
    const signedIn = await authenticateCredentials(db, { email, password: PASSWORD, address: "192.0.2.11" });
    expect(signedIn.ok && signedIn.user.role).toBe("editor");

    // Used once: the same link again changes nothing.
    expect(await findInvitation(db, token!)).toBeNull();
    const reused = await rejection(acceptInvitation(db, { token: token!, name: "Someone else", password: "another long password", passwordAgain: "another long password" }));
    expect(reused.code).toBe("INVALID_STATE");
    const [after] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
    expect(after.name).toBe("Nour Haddad");
    expect((await authenticateCredentials(db, { email, password: "another long password", address: "192.0.2.12" })).ok).toBe(false);
  });

  it("refuses a forged, an expired, a superseded link, and one of a person deactivated since, changing nothing", async () => {
    const { db } = world;
    const accept = (token: string) => acceptInvitation(db, { token, name: "Taken over", password: PASSWORD, passwordAgain: PASSWORD });

    expect((await rejection(accept("A".repeat(43)))).code).toBe("INVALID_STATE");
    expect((await rejection(accept("not a token at all"))).code).toBe("INVALID_STATE");

    const expiring = freshEmail();
    const expired = await inviteUser(db, world.admin, { email: expiring, role: "reviewer" }, ORIGIN);
    const { token: expiredToken } = await mailTo(expiring);
    await db.update(accountLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(accountLinks.userId, expired.userId), eq(accountLinks.purpose, "invitation")));
    expect(await findInvitation(db, expiredToken!)).toBeNull();
    expect((await rejection(accept(expiredToken!))).code).toBe("INVALID_STATE");

    // Invited again: the first link stops working, the new one works, with the role given now.
    const twice = freshEmail();
    await inviteUser(db, world.admin, { email: twice, role: "reviewer" }, ORIGIN);
    const { token: first } = await mailTo(twice);
    const again = await inviteUser(db, world.admin, { email: twice, role: "submitter" }, ORIGIN);
    expect(again.reissued).toBe(true);
    const { token: second } = await mailTo(twice);
    expect(second).not.toBe(first);
    expect((await rejection(accept(first!))).code).toBe("INVALID_STATE");
    await accept(second!);
    const signedIn = await authenticateCredentials(db, { email: twice, password: PASSWORD, address: "192.0.2.13" });
    expect(signedIn.ok && signedIn.user.role).toBe("submitter");

    const dropped = freshEmail();
    const droppedInvite = await inviteUser(db, world.admin, { email: dropped, role: "reviewer" }, ORIGIN);
    const { token: droppedToken } = await mailTo(dropped);
    await changeUser(db, world.admin, droppedInvite.userId, { active: false });
    expect((await rejection(accept(droppedToken!))).code).toBe("INVALID_STATE");

    for (const userId of [expired.userId, droppedInvite.userId]) {
      const [row] = await db.select({ joinedAt: users.joinedAt, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
      expect(row).toEqual({ joinedAt: null, passwordHash: null });
    }
  });

  it("refuses an address that has joined (CONFLICT), a bad role or address, mismatched passwords, and anyone but an admin", async () => {
    const { db } = world;
    const member = await makeActor(db, "reviewer");
    const [memberRow] = await db.select({ email: users.email }).from(users).where(eq(users.id, member.id));
    expect((await rejection(inviteUser(db, world.admin, { email: memberRow.email, role: "editor" }, ORIGIN))).code).toBe("CONFLICT");
    const [unchanged] = await db.select({ role: users.role }).from(users).where(eq(users.id, member.id));
    expect(unchanged.role).toBe("reviewer");
    const bad = await rejection(inviteUser(db, world.admin, { email: "not an address", role: "owner" as never }, ORIGIN));
    expect(Object.keys(bad.details.fieldErrors ?? {}).sort()).toEqual(["email", "role"]);
    expect((await rejection(inviteUser(db, member, { email: freshEmail(), role: "admin" }, ORIGIN))).code).toBe("FORBIDDEN");

    const email = freshEmail();
    await inviteUser(db, world.admin, { email, role: "reviewer" }, ORIGIN);
    const { token } = await mailTo(email);
    const mismatch = await rejection(acceptInvitation(db, { token: token!, name: "N", password: PASSWORD, passwordAgain: `${PASSWORD}!` }));
    expect(Object.keys(mismatch.details.fieldErrors ?? {})).toEqual(["passwordAgain"]);
    const short = await rejection(acceptInvitation(db, { token: token!, name: "N", password: "short", passwordAgain: "short" }));
    expect(Object.keys(short.details.fieldErrors ?? {})).toEqual(["password"]);
    // Neither used the link up.
    expect(await findInvitation(db, token!)).toMatchObject({ email });
  });
});
