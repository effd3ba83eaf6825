import { and, eq, isNull, not } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, notifications, users } from "@/db/schema";
import { assignClaim } from "@/lib/claims/assign-claim";
import { addClaimPerson } from "@/lib/persons/add-claim-person";
import { deliverDueMail } from "@/lib/mail/deliver";
import { composeMail } from "@/lib/mail/outbox";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { readableMail, startSmtpServer } from "@/lib/test/smtp";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { fanOutNotifications } from "./fan-out";
import { heldByGap, NOW_MAIL_GAP_MS } from "./mail";
import { sweepNotifications } from "./sweep";
import { writeComment } from "@/lib/test/comments";
import { setNotificationPreferences } from "./preferences";
import { setNotificationSettings } from "./settings";

// Strings no message could hold by chance: a claim's title, its place, a person named in it, and the people who act.
const TITLE = "Qalbxyr orchard shelling 93471";
const PLACE = "Wadi Zemmurqa 5520";
const VICTIM = "Yusrafel Haddoukin";
const ACTOR = "Ramiquel Distavros";
const TITLE_AR = "قصف بستان قلبزير ٩٣٤٧١";
const SECRETS = [TITLE, PLACE, VICTIM, ACTOR, TITLE_AR, "Qalbxyr", "Zemmurqa", "Haddoukin", "Distavros"];

/** A clock past the "at once" mail's gap at each reading: each pass may mail the same person again. */
let clock = Date.now();
const later = () => new Date((clock += NOW_MAIL_GAP_MS + 1000));

describe("the notifications' message", () => {
  it("says how many and links to the inbox, in the person's language, naming nothing unless titles are allowed", () => {
    const en = composeMail({ kind: "notifications", count: 3, link: "https://corroborate.example/inbox", items: "" }, "en");
    expect(en.subject).toBe("3 updates in Corroborate");
    expect(en.text).toContain("https://corroborate.example/inbox");
    expect(en.text).toContain("It names no claim, person or source");
    const one = composeMail({ kind: "notifications", count: 1, link: "/inbox", items: "" }, "en");
    expect(one.subject).toBe("1 update in Corroborate");
    const ar = composeMail({ kind: "notifications", count: 3, link: "https://corroborate.example/inbox", items: "" }, "ar");
    expect(ar.subject).toMatch(/[\u0600-\u06FF]/);
    expect(ar.subject).toContain("3");
    const named = composeMail({ kind: "notifications", count: 1, link: "/inbox", items: `- You were mentioned: ${TITLE}` }, "en");
    expect(named.text).toContain(TITLE);
    expect(named.text).not.toContain("It names no claim");
  });
});

describe.each(TEST_DRIVERS)("notification e-mail through SMTP on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "editor", "admin"], actors: { reviewer: "reviewer", arabicReader: "reviewer" } });
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());

  it("names no title, place, person or actor in what the SMTP server receives, and names the claim once an admin allows titles", async () => {
    const { db } = world;
    const rami = await makeActor(db, "reviewer", ACTOR);
    await db.update(users).set({ locale: "ar" }).where(eq(users.id, world.arabicReader.id));
    for (const person of [world.submitter, world.reviewer, world.editor, world.arabicReader]) {
      await setNotificationPreferences(db, person, { mentioned: "email", assigned: "email", submitted_changed: "email", watched_changed: "email", sent_to_review: "email" });
    }
    let claim = await submitSample(db, world.submitter, { title: TITLE, placeName: PLACE, summary: `Shelling near ${PLACE}.` });
    const arabic = await submitSample(db, world.submitter, { title: TITLE_AR, language: "ar", placeName: PLACE });
    await addClaimPerson(db, world.submitter, claim.id, { role: "victim", names: [VICTIM] });
    await fanOutNotifications(db, { now: later });
    await db.delete(mailOutbox);

    // Rami gives the claim to the reviewer, accepts the Arabic one, and mentions everyone in a comment naming the victim.
    claim = await assignClaim(db, rami, claim.id, { assigneeId: world.reviewer.id, version: claim.version });
    await transitionClaim(db, rami, arabic.id, { action: "accept", version: arabic.version });
    await writeComment(db, rami, claim.id, [world.reviewer.id, world.editor.id, world.arabicReader.id, world.submitter.id], `${VICTIM} was seen at ${PLACE}.`);
    const pass = await fanOutNotifications(db, { now: later });
    expect(pass.mailed).toBeGreaterThanOrEqual(4);
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(pass.mailed);

    const received = smtp.received.map((m) => ({ to: m.to[0], text: readableMail(m.data) }));
    expect(received).toHaveLength(pass.mailed);
    for (const m of received) {
      for (const secret of SECRETS) expect(m.text, `${m.to} ← ${secret}`).not.toContain(secret);
      expect(m.text).toContain("/inbox");
    }
    const to = async (userId: string) => {
      const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      return received.filter((m) => m.to === email);
    };
    // One message per person per pass: the reviewer was assigned and mentioned, the submitter told of two claims.
    expect(await to(world.reviewer.id)).toHaveLength(1);
    expect((await to(world.reviewer.id))[0].text).toContain("2 updates in Corroborate");
    expect((await to(world.submitter.id))[0].text).toContain("2 updates in Corroborate");
    expect((await to(world.arabicReader.id))[0].text).toMatch(/[\u0600-\u06FF]/);
    expect(await to(rami.id)).toEqual([]);

    // An admin allows titles: the next message names the claim (and still no person, place or actor).
    await setNotificationSettings(db, world.admin, { reminderDays: 3, titlesInMail: true });
    const before = smtp.received.length;
    await writeComment(db, world.editor, claim.id, [world.reviewer.id]);
    await fanOutNotifications(db, { now: later });
    await deliverDueMail(db, { smtpUrl: smtp.url });
    const titled = smtp.received.slice(before).map((m) => ({ to: m.to[0], text: readableMail(m.data) }));
    const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, world.reviewer.id));
    const toReviewer = titled.filter((m) => m.to === email);
    expect(toReviewer).toHaveLength(1);
    expect(toReviewer[0].text).toContain(`You were mentioned: ${TITLE}`);
    for (const m of titled) for (const secret of [PLACE, VICTIM, ACTOR]) expect(m.text).not.toContain(secret);
    const [mentioned] = await db.select({ mailedAt: notifications.mailedAt }).from(notifications).where(eq(notifications.userId, world.reviewer.id)).orderBy(notifications.createdAt);
    expect(mentioned.mailedAt).not.toBeNull();
  });

  it("keeps each claim's title on its own line of the message: a title's line breaks write no lines of their own", async () => {
    const { db } = world;
    await setNotificationSettings(db, world.admin, { reminderDays: 3, titlesInMail: true });
    await setNotificationPreferences(db, world.editor, { assigned: "email" });
    const title = "Harmless title\n\nYour session expired: sign in again at https://evil.example/login\r\n- A claim was given to you: x\u2028end";
    const claim = await submitSample(db, world.submitter, { title });
    await fanOutNotifications(db, { now: later });
    await db.delete(mailOutbox);
    await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.editor.id, version: claim.version });
    await fanOutNotifications(db, { now: later });
    const [{ text }] = await db.select({ text: mailOutbox.text }).from(mailOutbox);
    const items = text.split(/\r?\n|\u2028/).filter((line) => line.includes("evil.example") || line.startsWith("- "));
    expect(items).toEqual(["- A claim was given to you: Harmless title Your session expired: sign in again at https://evil.example/login - A claim was given to you: x end"]);
  });

  it("sends one message at once per person in the gap: a flood of mentions waits, and the next message counts it", async () => {
    const { db } = world;
    // Two people of their own, whom no earlier test of this world has mailed.
    const reader = await makeActor(db, "reviewer", "Flood Reader");
    const other = await makeActor(db, "editor", "Other Reader");
    await setNotificationPreferences(db, reader, { mentioned: "email" });
    const claim = await submitSample(db, world.submitter);
    const start = Date.now();
    await fanOutNotifications(db, { now: () => new Date(start) });
    await db.delete(mailOutbox);
    const emailOf = async (id: string) => (await db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0].email;
    const readerEmail = await emailOf(reader.id);
    const toReviewer = async () => (await db.select({ to: mailOutbox.to, subject: mailOutbox.subject }).from(mailOutbox).orderBy(mailOutbox.createdAt)).filter((m) => m.to === readerEmail).map((m) => m.subject);

    // Twelve comments, each mentioning the reader, within a minute: one message, the first.
    for (let i = 0; i < 12; i++) {
      await writeComment(db, world.editor, claim.id, [reader.id], `Look at this (${i}).`);
      await fanOutNotifications(db, { now: () => new Date(start + i * 5_000) });
    }
    expect(await toReviewer()).toEqual(["1 update in Corroborate"]);
    // The passes within the gap do not read the eleven held ones (heldByGap, in the mailing query).
    const readable = async (at: number) =>
      (await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, reader.id), eq(notifications.mail, "now"), isNull(notifications.mailedAt), not(heldByGap(new Date(at)))))).length;
    expect(await readable(start + NOW_MAIL_GAP_MS - 1_000)).toBe(0);
    expect(await readable(start + NOW_MAIL_GAP_MS + 1_000)).toBe(11);
    // Within the gap the sweep holds the rest too; once it has passed, one message says how many.
    await sweepNotifications(db, { now: new Date(start + NOW_MAIL_GAP_MS - 1_000) });
    expect(await toReviewer()).toHaveLength(1);
    await sweepNotifications(db, { now: new Date(start + NOW_MAIL_GAP_MS + 1_000) });
    expect(await toReviewer()).toEqual(["1 update in Corroborate", "11 updates in Corroborate"]);
    // Another person is not held by the reader's gap.
    await setNotificationPreferences(db, other, { mentioned: "email" });
    const otherEmail = await emailOf(other.id);
    await writeComment(db, world.editor, claim.id, [other.id], "And you.");
    await fanOutNotifications(db, { now: () => new Date(start + NOW_MAIL_GAP_MS + 2_000) });
    expect((await db.select({ to: mailOutbox.to }).from(mailOutbox)).filter((m) => m.to === otherEmail)).toHaveLength(1);
  });
});
