import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/connect";
import { claims, claimWatchers, comments, mailOutbox, notifications, notificationSettings, projectionCursors, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/permissions";
import { assignClaim } from "@/lib/claims/assign-claim";
import { gradeClaim } from "@/lib/claims/grade-claim";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { attachAssessedItem, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { NOW_MAIL_GAP_MS } from "./mail";
import { fanOutNotifications, NOTIFICATIONS_CURSOR } from "./fan-out";
import { fansOut } from "./recipients";
import { listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-read";
import { setNotificationPreferences } from "./preferences";
import { sweepNotifications } from "./sweep";
import { setWatching } from "./watch";
import { writeComment } from "@/lib/test/comments";
import { createComment } from "@/lib/comments/create-comment";
import { editComment } from "@/lib/comments/edit-comment";

/** The notifications of one claim, as `name:kind` (people by their world name), sorted. */
async function toldOf(db: Db, claimId: string, names: Record<string, Actor>): Promise<string[]> {
  const byId = new Map(Object.entries(names).map(([name, actor]) => [actor.id, name]));
  const rows = await db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(eq(notifications.claimId, claimId));
  return rows.map((r) => `${byId.get(r.userId) ?? r.userId}:${r.kind}`).sort();
}

async function watchersOf(db: Db, claimId: string): Promise<string[]> {
  const rows = await db.select({ userId: claimWatchers.userId }).from(claimWatchers).where(eq(claimWatchers.claimId, claimId));
  return rows.map((r) => r.userId).sort();
}

/** A clock past the "at once" mail's gap at each reading: each pass may mail the same person again. */
let clock = Date.now();
const later = () => new Date((clock += NOW_MAIL_GAP_MS + 1000));

describe("which events the fan-out reads", () => {
  it("a claim's submission, assignment, change of state and comments; every other event is passed by unread", () => {
    const claim = { entityType: "claim", entityId: "6f1c1f0e-8d55-4d8e-9a55-3c0f8b1b2a10" };
    for (const type of ["claim.submitted", "claim.assigned", "claim.transitioned", "comment.created", "comment.edited"]) expect(fansOut({ type, ...claim }), type).toBe(true);
    for (const type of ["claim.updated", "claim.graded", "evidence.added", "auth.sign_in_succeeded", "toString", "__proto__", "constructor"]) expect(fansOut({ type, ...claim }), type).toBe(false);
    expect(fansOut({ type: "comment.created", entityType: "source", entityId: claim.entityId })).toBe(false);
    expect(fansOut({ type: "comment.created", entityType: "claim", entityId: "not-a-uuid" })).toBe(false);
  });
});

describe.each(TEST_DRIVERS)("the notifications' fan-out on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["submitter", "reviewer", "editor", "admin"],
    actors: { otherSubmitter: "submitter", reviewer2: "reviewer", editor2: "editor", goneEditor: "editor" },
    setup: async ({ db, goneEditor }) => {
      await db.update(users).set({ isActive: false }).where(eq(users.id, goneEditor.id));
      return {};
    },
  });
  const people = () => ({
    submitter: world.submitter,
    otherSubmitter: world.otherSubmitter,
    reviewer: world.reviewer,
    reviewer2: world.reviewer2,
    editor: world.editor,
    editor2: world.editor2,
    goneEditor: world.goneEditor,
    admin: world.admin,
  });

  it("tells each kind to the right people, never the actor, the inactive, or an admin", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter, { title: "A claim the team works" });
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual([]);
    expect(await watchersOf(db, claim.id)).toEqual([world.submitter.id]);

    // Assigned: the new assignee, who starts watching; not the reviewer who assigned.
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer2.id, version: claim.version });
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual(["reviewer2:assigned"]);
    expect(await watchersOf(db, claim.id)).toEqual([world.submitter.id, world.reviewer2.id].sort());

    // Assigning oneself tells nobody.
    const own = await submitSample(db, world.submitter);
    await assignClaim(db, world.reviewer, own.id, { assigneeId: world.reviewer.id, version: own.version });
    await fanOutNotifications(db);
    expect(await toldOf(db, own.id, people())).toEqual([]);

    // A change of state: the submitter; the assignee who made it (a watcher) is not told of their own act.
    claim = await transitionClaim(db, world.reviewer2, claim.id, { action: "accept", version: claim.version });
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual(["reviewer2:assigned", "submitter:submitted_changed"]);
    const [changed] = await db.select({ data: notifications.data, actorId: notifications.actorId }).from(notifications).where(and(eq(notifications.claimId, claim.id), eq(notifications.kind, "submitted_changed")));
    expect(changed).toEqual({ data: { action: "accept", from: "triage", to: "corroboration" }, actorId: world.reviewer2.id });

    // A comment: the people it mentions who can see the claim (not another submitter), the watchers; the author starts watching.
    await db.delete(notifications).where(eq(notifications.claimId, claim.id));
    await writeComment(db, world.editor, claim.id, [world.reviewer.id, world.otherSubmitter.id, world.submitter.id, world.editor.id]);
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual(["reviewer2:watched_changed", "reviewer:mentioned", "submitter:mentioned"]);
    expect(await watchersOf(db, claim.id)).toContain(world.editor.id);

    // Sent to review: every active editor (one who watches is told once, as an editor); not the inactive one, nor the admin.
    claim = await gradeClaim(db, world.reviewer2, claim.id, { grade: "probable", rationale: "Two origins.", version: claim.version });
    await attachAssessedItem(db, world.reviewer2, claim.id);
    await db.delete(notifications).where(eq(notifications.claimId, claim.id));
    claim = await transitionClaim(db, world.reviewer2, claim.id, { action: "send_to_review", version: claim.version });
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual(["editor2:sent_to_review", "editor:sent_to_review", "submitter:submitted_changed"]);

    // An edit that names someone new: only them.
    await db.delete(notifications).where(eq(notifications.claimId, claim.id));
    const [comment] = await db.select({ id: comments.id }).from(comments).where(eq(comments.claimId, claim.id));
    await db.transaction((tx) =>
      appendAuditEvent(tx, world.editor.id, { type: "comment.edited", entity: { type: "claim", id: claim.id }, data: { commentId: comment.id, version: 2, changes: { body: { before: "A comment.", after: "A comment, @Rami." } }, mentions: [world.reviewer2.id] } }),
    );
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual(["reviewer2:mentioned"]);
    expect((await verifyAuditChain(db, world.admin)).ok).toBe(true);
  });

  it("tells a person once that a comment mentions them, however often edits drop and restore their name", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const named = `@${world.reviewer2.name} please look`;
    let comment = await createComment(db, world.reviewer, claim.id, { body: named });
    await fanOutNotifications(db);
    for (let round = 0; round < 3; round++) {
      comment = await editComment(db, world.reviewer, comment.id, { body: "please look", version: comment.version });
      comment = await editComment(db, world.reviewer, comment.id, { body: named, version: comment.version });
      if (round === 0) await fanOutNotifications(db);
    }
    // Someone named for the first time in an edit is still told.
    await editComment(db, world.reviewer, comment.id, { body: `${named} @${world.editor.name}`, version: comment.version });
    await fanOutNotifications(db);
    expect(await toldOf(db, claim.id, people())).toEqual(["editor:mentioned", "reviewer2:mentioned", "submitter:watched_changed"]);
  });

  it("never tells a submitter of a claim they cannot see, and hides the claim from one who can no longer see it", async () => {
    const { db } = world;
    const theirs = await submitSample(db, world.otherSubmitter, { title: "Another submitter's claim" });
    // A stale watch (as if they once could see it) and a mention: neither reaches the submitter.
    await db.insert(claimWatchers).values({ claimId: theirs.id, userId: world.submitter.id });
    const demoted = await (await import("@/lib/test/fixtures")).makeActor(db, "reviewer");
    await setWatching(db, demoted, theirs.id, true);
    await writeComment(db, world.reviewer, theirs.id, [world.submitter.id]);
    await fanOutNotifications(db);
    expect(await toldOf(db, theirs.id, { ...people(), demoted })).toEqual(["demoted:watched_changed", "otherSubmitter:watched_changed"]);

    // The reviewer becomes a submitter: their inbox keeps the notification without the claim, and they hear no more of it.
    await db.update(users).set({ role: "submitter" }).where(eq(users.id, demoted.id));
    const asSubmitter: Actor = { ...demoted, role: "submitter" };
    const inbox = await listNotifications(db, asSubmitter, {});
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: "watched_changed", claim: null, actor: null, commentId: null });
    expect(JSON.stringify(inbox)).not.toContain("Another submitter's claim");
    await transitionClaim(db, world.reviewer, theirs.id, { action: "accept", version: theirs.version });
    await fanOutNotifications(db);
    expect(await toldOf(db, theirs.id, { ...people(), demoted })).toEqual(["demoted:watched_changed", "otherSubmitter:submitted_changed", "otherSubmitter:watched_changed"]);
    // Nor may a submitter watch another's claim: it is not found.
    await expect(setWatching(db, world.submitter, theirs.id, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("makes nothing new when run twice, or when the cursor is moved back over fanned-out events", async () => {
    const { db } = world;
    await fanOutNotifications(db);
    const [{ seq: start }] = await db.select({ seq: projectionCursors.seq }).from(projectionCursors).where(eq(projectionCursors.name, NOTIFICATIONS_CURSOR));
    const claim = await submitSample(db, world.submitter);
    await writeComment(db, world.reviewer, claim.id, [world.editor.id]);
    const first = await fanOutNotifications(db);
    expect(first.notifications).toBe(2); // the mention, and the submitter who watches
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0].n;
    const made = await count();
    expect(await fanOutNotifications(db)).toEqual({ events: 0, notifications: 0, mailed: 0 });
    await db.update(projectionCursors).set({ seq: start }).where(eq(projectionCursors.name, NOTIFICATIONS_CURSOR));
    const again = await fanOutNotifications(db, { batch: 1 });
    expect(again.events).toBe(2);
    expect(again.notifications).toBe(0);
    expect(await count()).toBe(made);
  });

  it("passes over an event the database refuses (a comment that is not there) and fans out the ones after it", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    await fanOutNotifications(db);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await db.transaction((tx) =>
      appendAuditEvent(tx, world.editor.id, { type: "comment.created", entity: { type: "claim", id: claim.id }, data: { commentId: "00000000-0000-4000-8000-000000000000", body: "Lost.", mentions: [world.reviewer.id] } }),
    );
    await writeComment(db, world.editor, claim.id, [world.reviewer2.id]);
    const pass = await fanOutNotifications(db);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("was not fanned out"), expect.anything());
    errors.mockRestore();
    expect(pass.events).toBe(2);
    expect(await toldOf(db, claim.id, people())).toEqual(["reviewer2:mentioned", "submitter:watched_changed"]);
  });

  it("fans each event out once when two fan-outs run at the same time", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    await fanOutNotifications(db);
    for (let i = 0; i < 40; i++) await writeComment(db, world.editor, claim.id, [world.reviewer.id], `Comment ${i}`);
    const [a, b] = await Promise.all([fanOutNotifications(db, { batch: 5 }), fanOutNotifications(db, { batch: 5 })]);
    expect(a.events + b.events).toBe(40);
    // Each comment: a mention of the reviewer, and the submitter who watches.
    expect(a.notifications + b.notifications).toBe(80);
    const rows = await db.select({ seq: notifications.eventSeq, userId: notifications.userId }).from(notifications).where(eq(notifications.claimId, claim.id));
    expect(rows).toHaveLength(80);
    expect(new Set(rows.map((r) => `${r.seq}/${r.userId}`)).size).toBe(80);
  });

  it("reminds an assignee of a quiet claim once per quiet spell", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    claim = await assignClaim(db, world.editor, claim.id, { assigneeId: world.reviewer2.id, version: claim.version });
    await fanOutNotifications(db);
    const reminders = async () => (await toldOf(db, claim.id, people())).filter((n) => n.endsWith(":reminder"));
    const day = 24 * 60 * 60 * 1000;
    const t0 = Date.now();
    // Not quiet long enough (3 days by default).
    await sweepNotifications(db, { now: new Date(t0 + 2 * day) });
    expect(await reminders()).toEqual([]);
    await sweepNotifications(db, { now: new Date(t0 + 4 * day) });
    expect(await reminders()).toEqual(["reviewer2:reminder"]);
    // Still the same quiet spell: no second reminder, however long it lasts.
    await sweepNotifications(db, { now: new Date(t0 + 4 * day + 1000) });
    await sweepNotifications(db, { now: new Date(t0 + 30 * day) });
    expect(await reminders()).toEqual(["reviewer2:reminder"]);
    // The claim changes (on day 31), then is quiet again: a new spell, a new reminder.
    await db.update(claims).set({ updatedAt: new Date(t0 + 31 * day) }).where(eq(claims.id, claim.id));
    await sweepNotifications(db, { now: new Date(t0 + 33 * day) });
    expect(await reminders()).toEqual(["reviewer2:reminder"]);
    await sweepNotifications(db, { now: new Date(t0 + 35 * day) });
    expect(await reminders()).toEqual(["reviewer2:reminder", "reviewer2:reminder"]);
    // A closed claim is nobody's to be reminded of.
    const [{ version }] = await db.select({ version: claims.version }).from(claims).where(eq(claims.id, claim.id));
    await transitionClaim(db, world.editor, claim.id, { action: "reject", reason: "Out of scope.", version });
    await db.update(claims).set({ updatedAt: new Date(t0) }).where(eq(claims.id, claim.id));
    await sweepNotifications(db, { now: new Date(t0 + 60 * day) });
    expect(await reminders()).toEqual(["reviewer2:reminder", "reviewer2:reminder"]);
  });

  it("follows each person's preference per kind: off, in the app, by e-mail at once, in the daily digest", async () => {
    const { db } = world;
    const mailTo = async (userId: string) => {
      const [{ email }] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      const rows = await db.select({ subject: mailOutbox.subject }).from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(mailOutbox.createdAt);
      return rows.map((m) => m.subject);
    };
    const claim = await submitSample(db, world.submitter);
    await fanOutNotifications(db, { now: later });
    const mention = async () => {
      await writeComment(db, world.editor, claim.id, [world.reviewer.id]);
      await fanOutNotifications(db, { now: later });
      const [row] = await db
        .select({ mail: notifications.mail, mailedAt: notifications.mailedAt })
        .from(notifications)
        .where(and(eq(notifications.claimId, claim.id), eq(notifications.userId, world.reviewer.id)))
        .orderBy(sql`${notifications.eventSeq} desc`)
        .limit(1);
      return row;
    };
    const mailsBefore = (await mailTo(world.reviewer.id)).length;
    // The daily digest's clock starts now (the reminders' test swept in the future).
    await db.update(notificationSettings).set({ lastDigestAt: null });

    await setNotificationPreferences(db, world.reviewer, { mentioned: "off" });
    await db.delete(notifications).where(eq(notifications.claimId, claim.id));
    expect(await mention()).toBeUndefined();

    await setNotificationPreferences(db, world.reviewer, { mentioned: "app" });
    expect(await mention()).toEqual({ mail: null, mailedAt: null });
    expect(await mailTo(world.reviewer.id)).toHaveLength(mailsBefore);

    // The default for a mention: e-mail at once, one message for the pass.
    await setNotificationPreferences(db, world.reviewer, { mentioned: "email" });
    const now = await mention();
    expect(now.mail).toBe("now");
    expect(now.mailedAt).toBeInstanceOf(Date);
    expect((await mailTo(world.reviewer.id)).slice(mailsBefore)).toEqual(["1 update in Corroborate"]);

    await setNotificationPreferences(db, world.reviewer, { mentioned: "digest" });
    const waiting = await mention();
    expect(waiting).toEqual({ mail: "digest", mailedAt: null });
    await writeComment(db, world.editor, claim.id, [world.reviewer.id]);
    await fanOutNotifications(db, { now: later });
    expect(await mailTo(world.reviewer.id)).toHaveLength(mailsBefore + 1);
    // The digest goes once a day: both in one message, then nothing until the next day.
    const first = await sweepNotifications(db, { now: new Date(Date.now() + 1000) });
    expect(first.digest).toBe(true);
    expect((await mailTo(world.reviewer.id)).slice(mailsBefore + 1)).toEqual(["2 updates in Corroborate"]);
    await writeComment(db, world.editor, claim.id, [world.reviewer.id]);
    await fanOutNotifications(db, { now: later });
    expect((await sweepNotifications(db, { now: new Date(Date.now() + 60 * 60 * 1000) })).digest).toBe(false);
    expect(await mailTo(world.reviewer.id)).toHaveLength(mailsBefore + 2);
    expect((await sweepNotifications(db, { now: new Date(Date.now() + 25 * 60 * 60 * 1000) })).digest).toBe(true);
    expect((await mailTo(world.reviewer.id)).slice(mailsBefore + 2)).toEqual(["1 update in Corroborate"]);
  });

  it("lists one's own notifications unread first across pages, and marks only one's own read", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    await fanOutNotifications(db);
    await markNotificationsRead(db, world.editor2, { all: true });
    for (let i = 0; i < 5; i++) await writeComment(db, world.reviewer, claim.id, [world.editor2.id], `Mention ${i}`);
    await fanOutNotifications(db);
    const all = await listNotifications(db, world.editor2, { order: "newest", limit: 100 });
    const mine = all.items.filter((n) => n.claim?.id === claim.id);
    expect(mine).toHaveLength(5);
    expect(mine.every((n) => n.kind === "mentioned" && n.actor?.id === world.reviewer.id && n.readAt === null)).toBe(true);
    // Someone else cannot mark them read.
    expect(await markNotificationsRead(db, world.editor, { ids: [mine[0].id] })).toMatchObject({ marked: 0 });
    // The oldest two read: unread first lists the three newer ones, then those two, over pages of two.
    expect(await markNotificationsRead(db, world.editor2, { ids: [mine[3].id, mine[4].id] })).toEqual({ marked: 2, unread: 3 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listNotifications(db, world.editor2, { order: "unread", limit: 2, cursor });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([mine[0].id, mine[1].id, mine[2].id, mine[3].id, mine[4].id]);
    expect(await markNotificationsRead(db, world.editor2, { all: true })).toEqual({ marked: 3, unread: 0 });
    await expect(markNotificationsRead(db, world.editor2, {})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(markNotificationsRead(db, world.editor2, { ids: [mine[0].id], all: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
