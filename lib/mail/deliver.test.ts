import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "@/db/schema";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { startSmtpServer } from "@/lib/test/smtp";
import { useTestWorld } from "@/lib/test/world";
import { deliverDueMail, MAX_MAIL_ATTEMPTS } from "./deliver";
import { composeMail, queueMail } from "./outbox";

describe("mail messages", () => {
  it("say what happened and give the link, in the recipient's language, naming no claim, person or source", () => {
    const expiresAt = new Date("2026-12-06T10:00:00Z");
    const en = composeMail({ kind: "invitation", link: "https://corroborate.example/invite/abc", role: "reviewer", expiresAt }, "en");
    expect(en.subject).toBe("You are invited to Corroborate");
    expect(en.text).toContain("as reviewer");
    expect(en.text).toContain("https://corroborate.example/invite/abc");
    expect(en.text).toContain("It names no claim, person or source");
    const ar = composeMail({ kind: "invitation", link: "https://corroborate.example/invite/abc", role: "reviewer", expiresAt }, "ar");
    expect(ar.subject).toMatch(/[\u0600-\u06FF]/);
    expect(ar.text).toContain("https://corroborate.example/invite/abc");
    expect(ar.text).not.toContain("reviewer");
    const removed = composeMail({ kind: "factorRemoved", factor: "all", byAdmin: true }, "en");
    expect(removed.text).toContain("An administrator removed");
  });
});

describe.each(TEST_DRIVERS)("mail delivery on %s", (driver) => {
  const world = useTestWorld(driver);
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());

  it("keeps a message queued in a transaction that rolls back nowhere, and waits in the outbox without an SMTP server", async () => {
    const { db } = world;
    await db
      .transaction(async (tx) => {
        await queueMail(tx, "rolled-back@example.test", { kind: "deactivated" }, "en");
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, "rolled-back@example.test"))).toEqual([]);

    const id = await db.transaction((tx) => queueMail(tx, "outbox@example.test", { kind: "roleChanged", role: "editor" }, "en"));
    expect(await deliverDueMail(db, { smtpUrl: undefined })).toBe(0);
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ to: "outbox@example.test", subject: "Your Corroborate role changed", sentAt: null, attempts: 0 });
    expect(row.text).toContain("Your role in Corroborate is now editor");
  });

  it("delivers through SMTP once, keeps the envelope and drops the body; a refusal is kept and tried again later", async () => {
    const { db } = world;
    await db.delete(mailOutbox);
    const link = "http://localhost:3000/reset-password/" + "x".repeat(43);
    const id = await db.transaction((tx) => queueMail(tx, "person@example.test", { kind: "passwordReset", link, expiresAt: new Date() }, "en"));
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["person@example.test"]);
    expect(smtp.received[0].data).toContain("Subject: Reset your Corroborate password");
    expect(smtp.received[0].data.replace(/=\r\n/g, "")).toContain(link);
    const [sent] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(sent.sentAt).not.toBeNull();
    expect(sent.text).toBe("");
    // Sent is sent: a second sweep sends nothing again.
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(0);
    expect(smtp.received).toHaveLength(1);

    smtp.state.refuse = true;
    const refused = await db.transaction((tx) => queueMail(tx, "later@example.test", { kind: "deactivated" }, "en"));
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(0);
    const [kept] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, refused));
    expect(kept).toMatchObject({ sentAt: null, attempts: 1 });
    expect(kept.lastError).toMatch(/mailbox unavailable/);
    expect(kept.text).toContain("deactivated");
    expect(kept.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);

    // Not due yet: nothing is tried. Once due, it goes.
    smtp.state.refuse = false;
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(0);
    await db.update(mailOutbox).set({ nextAttemptAt: new Date(0) }).where(eq(mailOutbox.id, refused));
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(1);
    expect(smtp.received.map((m) => m.to[0])).toEqual(["person@example.test", "later@example.test"]);

    // After the last try, a message is left alone (an admin sees its error in the outbox).
    const stuck = await db.transaction((tx) => queueMail(tx, "stuck@example.test", { kind: "deactivated" }, "en"));
    await db.update(mailOutbox).set({ attempts: MAX_MAIL_ATTEMPTS, nextAttemptAt: new Date(0) }).where(eq(mailOutbox.id, stuck));
    expect(await deliverDueMail(db, { smtpUrl: smtp.url })).toBe(0);
  });

  it("sends each message once when two senders sweep at the same time", async () => {
    const { db } = world;
    await db.delete(mailOutbox);
    const before = smtp.received.length;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await queueMail(tx, `many-${i}@example.test`, { kind: "deactivated" }, "en");
    });
    const [a, b] = await Promise.all([deliverDueMail(db, { smtpUrl: smtp.url }), deliverDueMail(db, { smtpUrl: smtp.url })]);
    expect(a + b).toBe(30);
    const to = smtp.received.slice(before).map((m) => m.to[0]);
    expect(new Set(to).size).toBe(30);
    expect(to).toHaveLength(30);
  });
});
