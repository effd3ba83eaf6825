import { describe, expect, it } from "vitest";
import type { Db } from "@/db/connect";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/append-event";
import { assignClaim } from "@/lib/claims/assign-claim";
import type { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { CHANGES_LIMIT, CHANGES_WINDOW, readChanges } from "./read-changes";

const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: AppError) => e.code);

describe.each(TEST_DRIVERS)("readChanges on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor", "admin"], actors: { rami: "reviewer", submitter2: "submitter" } });

  /** The log's head now: what a page rendered now would start from. */
  const head = async (db: Db) => (await readChanges(db, world.reviewer, {})).next;

  it("tells another reader what was done to the claim, by whom, and never the reader's own acts", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter, { title: "Watched claim" });
    const other = await submitSample(db, world.submitter, { title: "Another claim" });
    const since = await head(db);
    const accepted = await transitionClaim(db, world.rami, claim.id, { action: "accept", version: claim.version });
    await transitionClaim(db, world.rami, other.id, { action: "reject", version: other.version, reason: "Spam." });
    await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: accepted.version });

    const seen = await readChanges(db, world.reviewer, { since, claimId: claim.id });
    expect(seen.changes.map(({ claimId, change, actorName }) => ({ claimId, change, actorName }))).toEqual([{ claimId: claim.id, change: "accept", actorName: world.rami.name }]);
    expect(seen.next).toBe(await head(db));
    // Rami did the accepting; the reviewer's assignment is the one change Rami hears of.
    const ramis = await readChanges(db, world.rami, { since, claimId: claim.id });
    expect(ramis.changes.map((c) => [c.change, c.actorName])).toEqual([["assigned", world.reviewer.name]]);
    // The queue: both claims' changes, in order; the submitter hears of both on their own claims.
    const queue = await readChanges(db, world.editor, { since });
    expect(queue.changes.map((c) => [c.claimId, c.change])).toEqual([[claim.id, "accept"], [other.id, "reject"], [claim.id, "assigned"]]);
    expect((await readChanges(db, world.submitter, { since })).changes.map((c) => c.change)).toEqual(["accept", "reject", "assigned"]);
    // Asked again from `next`: nothing new.
    expect((await readChanges(db, world.reviewer, { since: seen.next, claimId: claim.id })).changes).toEqual([]);
  });

  it("a submitter learns only of claims they can see", async () => {
    const { db } = world;
    const mine = await submitSample(db, world.submitter, { title: "Mine" });
    const theirs = await submitSample(db, world.submitter2, { title: "Theirs" });
    const since = await head(db);
    await transitionClaim(db, world.rami, mine.id, { action: "accept", version: mine.version });
    await transitionClaim(db, world.rami, theirs.id, { action: "accept", version: theirs.version });

    expect((await readChanges(db, world.submitter, { since })).changes.map((c) => c.claimId)).toEqual([mine.id]);
    expect((await readChanges(db, world.submitter2, { since })).changes.map((c) => c.claimId)).toEqual([theirs.id]);
    expect(await codeOf(readChanges(db, world.submitter, { since, claimId: theirs.id }))).toBe("NOT_FOUND");
    expect(await codeOf(readChanges(db, world.submitter, { claimId: theirs.id }))).toBe("NOT_FOUND");
    expect((await readChanges(db, world.submitter, { since, claimId: mine.id })).changes.map((c) => c.change)).toEqual(["accept"]);
    // Staff see every claim's changes.
    expect((await readChanges(db, world.admin, { since })).changes.map((c) => c.claimId)).toEqual([mine.id, theirs.id]);
  });

  it("the claim's page hears of comments and every other change of the claim; the queue only of what moves its rows", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const since = await head(db);
    await recordAuditEvent(db, world.rami.id, {
      type: "comment.created",
      entity: { type: "claim", id: claim.id },
      data: { commentId: "00000000-0000-4000-8000-000000000001", body: "Looks like the same video.", mentions: [] },
    });
    await recordAuditEvent(db, world.rami.id, { type: "claim.import_notice_dismissed", entity: { type: "claim", id: claim.id }, data: { persons: 2 } });
    // Not a claim's event at all.
    await recordAuditEvent(db, world.rami.id, { type: "user.preferences_changed", entity: { type: "user", id: world.rami.id }, data: { changes: {} } });

    const onPage = await readChanges(db, world.reviewer, { since, claimId: claim.id });
    expect(onPage.changes.map((c) => c.change)).toEqual(["commented", "changed"]);
    // The body of a comment is not in the answer: the notice says who and what, the page shows the rest.
    expect(JSON.stringify(onPage)).not.toContain("same video");
    expect((await readChanges(db, world.reviewer, { since })).changes).toEqual([]);
  });

  it("is bounded: at most CHANGES_LIMIT changes and CHANGES_WINDOW events per read, and `next` walks on without losing any", async () => {
    const { db } = world;
    const claims = [];
    for (let i = 0; i < CHANGES_LIMIT + 3; i++) claims.push(await submitSample(db, world.submitter, { title: `Bulk ${i}` }));
    const since = await head(db);
    const rejected = [];
    for (const c of claims) rejected.push(await transitionClaim(db, world.rami, c.id, { action: "reject", version: c.version, reason: "Spam." }));
    const first = await readChanges(db, world.reviewer, { since });
    expect(first.changes).toHaveLength(CHANGES_LIMIT);
    expect(first.next).toBe(first.changes.at(-1)!.seq);
    const second = await readChanges(db, world.reviewer, { since: first.next });
    expect(second.changes).toHaveLength(3);
    expect([...first.changes, ...second.changes].map((c) => c.claimId)).toEqual(claims.map((c) => c.id));
    expect(second.next).toBe(await head(db));

    // More than a window of others' events: one read looks no further than the window, and the next goes on from there.
    const before = await head(db);
    await db.transaction(async (tx) => {
      for (let i = 0; i < CHANGES_WINDOW; i++) {
        await appendAuditEvent(tx as unknown as Db, world.rami.id, { type: "user.preferences_changed", entity: { type: "user", id: world.rami.id }, data: { changes: {} } });
      }
    });
    const late = await transitionClaim(db, world.rami, claims[0].id, { action: "reopen", version: rejected[0].version, reason: "Not spam after all." });
    expect(late.state).toBe("triage");
    const far = await readChanges(db, world.reviewer, { since: before });
    expect(far).toEqual({ changes: [], next: before + CHANGES_WINDOW });
    const caughtUp = await readChanges(db, world.reviewer, { since: far.next });
    expect(caughtUp.changes.map((c) => [c.claimId, c.change])).toEqual([[claims[0].id, "reopen"]]);
  }, 120_000);

  it("answers the head without `since` or past the head, and refuses a bad `since` or no actor", async () => {
    const { db } = world;
    const now = await head(db);
    expect(now).toBeGreaterThan(0);
    expect(await readChanges(db, world.submitter, {})).toEqual({ changes: [], next: now });
    expect(await readChanges(db, world.reviewer, { since: now + 1000 })).toEqual({ changes: [], next: now });
    expect(await codeOf(readChanges(db, world.reviewer, { since: -1 }))).toBe("BAD_REQUEST");
    expect(await codeOf(readChanges(db, world.reviewer, { since: "ten" as unknown as number }))).toBe("BAD_REQUEST");
    expect(await codeOf(readChanges(db, world.reviewer, { since: 1.5 }))).toBe("BAD_REQUEST");
    expect(await codeOf(readChanges(db, null, { since: 0 }))).toBe("UNAUTHORIZED");
    expect(await codeOf(readChanges(db, world.reviewer, { claimId: "not-an-id" }))).toBe("NOT_FOUND");
    expect(await codeOf(readChanges(db, world.reviewer, { claimId: "a\u0000b" }))).toBe("BAD_REQUEST");
    expect(await codeOf(readChanges(db, world.reviewer, { claimId: "x".repeat(101) }))).toBe("BAD_REQUEST");
  });
});
