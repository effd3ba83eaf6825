import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { rejection } from "@/lib/test/errors";
import { attachAssessedItem, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { encodeCursor } from "@/lib/validation/cursor";
import { recordAuditEvent } from "./append-event";
import { type AuditEventDto, listAuditEvents, listClaimTimeline, type TAuditQuery } from "./list-events";

const day = (d: number) => Date.UTC(2024, 0, d, 12);

/**
 * The audit log's search (issue 17, point 6): by who acted, event type, entity and time range,
 * newest first over the whole log and oldest first for one entity, keyset-paged either way; and a
 * claim's timeline with its evidence items' events.
 */
describe.each(TEST_DRIVERS)("searching the audit log on %s", (driver) => {
  const world = useTestWorld(driver, {
    roles: ["reviewer", "submitter", "admin"],
    actors: { otherSubmitter: "submitter" },
    setup: async ({ db, reviewer, submitter }) => {
      // Six events of known time, type and actor: on 1, 11, 21, 31 January, 10 and 20 February 2024.
      const planned: [number, Actor, "prefs" | "signout"][] = [
        [1, reviewer, "prefs"],
        [11, submitter, "prefs"],
        [21, reviewer, "signout"],
        [31, submitter, "signout"],
        [41, reviewer, "prefs"],
        [51, submitter, "prefs"],
      ];
      const timed: number[] = [];
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        for (const [d, who, kind] of planned) {
          vi.setSystemTime(day(d));
          const { seq } = await recordAuditEvent(
            db,
            who.id,
            kind === "prefs"
              ? { type: "user.preferences_changed", entity: { type: "user", id: who.id }, data: { changes: { n: { before: d, after: d + 1 } } } }
              : { type: "session.ended", entity: { type: "user", id: who.id }, data: { sessionId: crypto.randomUUID(), reason: "signed_out" } },
          );
          timed.push(seq);
        }
      } finally {
        vi.useRealTimers();
      }
      const claimA = await submitSample(db, submitter, { title: "audit-search claim A" });
      const item = await attachAssessedItem(db, reviewer, claimA.id);
      const claimB = await submitSample(db, submitter, { title: "audit-search claim B" });
      const itemB = await attachAssessedItem(db, reviewer, claimB.id);
      return { timed, claimA, item, claimB, itemB };
    },
  });

  /** Every event a query finds, page by page (`limit` a page), and the pages' cursors. */
  async function walk(query: TAuditQuery, actor: Actor = world.admin) {
    const seen: AuditEventDto[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents(world.db, actor, { ...query, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
      expect(pages).toBeLessThan(500);
    } while (cursor);
    return seen;
  }
  const seqs = (events: AuditEventDto[]) => events.map((e) => e.seq);

  it("by event type: only that type", async () => {
    const { items } = await listAuditEvents(world.db, world.admin, { type: "session.ended" });
    expect(items.map((e) => e.type)).toEqual(["session.ended", "session.ended"]);
    expect(seqs(items)).toEqual([world.timed[3], world.timed[2]]);
  });

  it("by person: only the events they did", async () => {
    const all = await walk({ actor: world.reviewer.id, limit: 100 });
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((e) => e.actor?.id === world.reviewer.id)).toBe(true);
    expect(seqs(all)).toEqual(expect.arrayContaining([world.timed[0], world.timed[2], world.timed[4]]));
    expect(seqs(all)).not.toContain(world.timed[1]);
    // An id in capitals names the same person.
    expect(seqs((await listAuditEvents(world.db, world.admin, { actor: world.reviewer.id.toUpperCase(), limit: 100 })).items)).toEqual(seqs(all.slice(0, 100)));
    // Someone who did nothing: nothing.
    expect((await listAuditEvents(world.db, world.admin, { actor: world.otherSubmitter.id })).items).toEqual([]);
  });

  it("by entity: only its events, oldest first", async () => {
    const { items } = await listAuditEvents(world.db, world.admin, { entity: `claim:${world.claimA.id}` });
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((e) => e.entity.type === "claim" && e.entity.id === world.claimA.id)).toBe(true);
    expect(items[0].type).toBe("claim.submitted");
    expect(seqs(items)).toEqual([...seqs(items)].sort((a, b) => a - b));
    // The entity in any case is the same entity.
    const shouted = await listAuditEvents(world.db, world.admin, { entity: `CLAIM:${world.claimA.id.toUpperCase()}` });
    expect(seqs(shouted.items)).toEqual(seqs(items));
  });

  it("by time: from and to bound occurred_at, both ends included, a date covering its whole day", async () => {
    const [, d11, d21] = world.timed;
    expect(seqs((await listAuditEvents(world.db, world.admin, { from: "2024-01-11", to: "2024-01-21", order: "asc" })).items)).toEqual([d11, d21]);
    expect(seqs((await listAuditEvents(world.db, world.admin, { from: "2024-01-11T12:00:00Z", to: "2024-01-21T12:00:00.000Z", order: "asc" })).items)).toEqual([d11, d21]);
    expect(seqs((await listAuditEvents(world.db, world.admin, { from: "2024-01-11T12:00:00.001Z", to: "2024-01-21T13:00:00+01:00", order: "asc" })).items)).toEqual([d21]);
    // Only one bound: everything after, or everything before.
    expect(seqs((await listAuditEvents(world.db, world.admin, { to: "2024-01-11" })).items)).toEqual([d11, world.timed[0]]);
    const since = await walk({ from: "2024-02-10", limit: 100 });
    expect(since.length).toBeGreaterThan(2);
    expect(since.every((e) => e.occurredAt >= "2024-02-10T00:00:00.000Z")).toBe(true);
    expect(seqs(since)).not.toContain(world.timed[3]);
  });

  it("pages back as well as on: each page's prevCursor leads to the page before it, in the same order, to the first", async () => {
    for (const order of ["desc", "asc"] as const) {
      const query = { actor: world.reviewer.id, order, limit: 2 };
      const forward: number[][] = [];
      const cursors: (string | null)[] = [];
      let page = await listAuditEvents(world.db, world.admin, query);
      expect(page.prevCursor, `${order}: the first page has none before it`).toBeNull();
      forward.push(seqs(page.items));
      while (page.nextCursor && forward.length < 4) {
        page = await listAuditEvents(world.db, world.admin, { ...query, cursor: page.nextCursor });
        forward.push(seqs(page.items));
        cursors.push(page.prevCursor);
      }
      expect(forward.length, `${order}: at least three pages to walk`).toBeGreaterThanOrEqual(3);
      // From the last page reached, back to the first: the same pages, in reverse.
      let back = page;
      for (let i = forward.length - 2; i >= 0; i--) {
        expect(back.prevCursor, `${order}: page ${i + 2} leads back`).not.toBeNull();
        back = await listAuditEvents(world.db, world.admin, { ...query, cursor: back.prevCursor! });
        expect(seqs(back.items), `${order}: back to page ${i + 1}`).toEqual(forward[i]);
        // A page reached going back leads on again to the one after it.
        const onward = await listAuditEvents(world.db, world.admin, { ...query, cursor: back.nextCursor! });
        expect(seqs(onward.items)).toEqual(forward[i + 1]);
      }
      expect(back.prevCursor, `${order}: back at the first page, nothing before it`).toBeNull();
    }
    // A way back for one order is refused in the other.
    const newest = await listAuditEvents(world.db, world.admin, { limit: 1 });
    const second = await listAuditEvents(world.db, world.admin, { limit: 1, cursor: newest.nextCursor! });
    const refused = await rejection(listAuditEvents(world.db, world.admin, { order: "asc", cursor: second.prevCursor! }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(Object.keys(refused.details.fieldErrors ?? {})).toEqual(["cursor"]);
  });

  it("filters combine", async () => {
    const { timed } = world;
    expect(seqs((await listAuditEvents(world.db, world.admin, { actor: world.reviewer.id, type: "user.preferences_changed", to: "2024-03-01" })).items)).toEqual([timed[4], timed[0]]);
    expect(seqs((await listAuditEvents(world.db, world.admin, { actor: world.submitter.id, type: "user.preferences_changed", from: "2024-01-05", to: "2024-02-15" })).items)).toEqual([timed[1]]);
    expect(seqs((await listAuditEvents(world.db, world.admin, { actor: world.submitter.id, entity: `user:${world.reviewer.id}` })).items)).toEqual([]);
    const evidenceAdded = await listAuditEvents(world.db, world.admin, { type: "evidence.added", entity: `evidence:${world.item.id}`, actor: world.reviewer.id });
    expect(evidenceAdded.items.map((e) => [e.type, e.entity.id])).toEqual([["evidence.added", world.item.id]]);
  });

  it("newest first by default over the whole log, oldest first for an entity; paging walks every event once, either way", async () => {
    const newest = await listAuditEvents(world.db, world.admin, { limit: 5 });
    expect(seqs(newest.items)).toEqual([...seqs(newest.items)].sort((a, b) => b - a));
    const asc = await walk({ order: "asc", limit: 100 });
    expect(seqs(asc)).toEqual(Array.from({ length: asc.length }, (_, i) => i + 1));
    const desc = await walk({ limit: 3 });
    expect(seqs(desc)).toEqual([...seqs(asc)].reverse());
    expect(seqs(await walk({ order: "asc", limit: 4 }))).toEqual(seqs(asc));
    // Filtered, a page of one at a time, both ways.
    const mine = await walk({ actor: world.reviewer.id, order: "asc", limit: 1 });
    expect(seqs(mine)).toEqual(seqs(asc.filter((e) => e.actor?.id === world.reviewer.id)));
    expect(seqs(await walk({ actor: world.reviewer.id, limit: 1 }))).toEqual([...seqs(mine)].reverse());
    // An entity's events newest first when asked.
    const trail = await walk({ entity: `claim:${world.claimA.id}`, limit: 1 });
    const trailBack = await walk({ entity: `claim:${world.claimA.id}`, order: "desc", limit: 1 });
    expect(seqs(trailBack)).toEqual([...seqs(trail)].reverse());
  });

  it("bad input is a 400 naming the field", async () => {
    const fieldOf = async (query: TAuditQuery) => {
      const error = await rejection(listAuditEvents(world.db, world.admin, query));
      expect(error.code).toBe("BAD_REQUEST");
      return Object.keys(error.details.fieldErrors ?? {});
    };
    expect(await fieldOf({ type: "claim.nonsense" as never })).toEqual(["type"]);
    expect(await fieldOf({ type: "CLAIM.SUBMITTED" as never })).toEqual(["type"]);
    expect(await fieldOf({ actor: "not-a-uuid" })).toEqual(["actor"]);
    expect(await fieldOf({ actor: "' or 1=1 --" })).toEqual(["actor"]);
    expect(await fieldOf({ from: "2024-02-01", to: "2024-01-31" })).toEqual(["from"]);
    expect(await fieldOf({ from: "2024-01-11T12:00:00.001Z", to: "2024-01-11T12:00:00Z" })).toEqual(["from"]);
    expect(await fieldOf({ from: "2024-02-30" })).toEqual(["from"]);
    expect(await fieldOf({ to: "yesterday" })).toEqual(["to"]);
    expect(await fieldOf({ to: "0000-01-01" })).toEqual(["to"]);
    expect(await fieldOf({ from: "2024-01-01T12:00:00" })).toEqual(["from"]); // a date-time says its offset
    expect(await fieldOf({ order: "newest" as never })).toEqual(["order"]);
    expect(await fieldOf({ cursor: "not a cursor" })).toEqual(["cursor"]);
    expect(await fieldOf({ cursor: encodeCursor(["desc", -1]) })).toEqual(["cursor"]);
    // A cursor of the other direction is refused, not read as a place in this one.
    const newestFirst = await listAuditEvents(world.db, world.admin, { limit: 1 });
    const oldestFirst = await listAuditEvents(world.db, world.admin, { order: "asc", limit: 1 });
    expect(await fieldOf({ order: "asc", cursor: newestFirst.nextCursor! })).toEqual(["cursor"]);
    expect(await fieldOf({ cursor: oldestFirst.nextCursor! })).toEqual(["cursor"]);
    expect(await fieldOf({ entity: `claim:${world.claimA.id}`, cursor: newestFirst.nextCursor! })).toEqual(["cursor"]);
  });

  it("permissions stay: the whole log, filtered or not, needs audit.read", async () => {
    expect((await rejection(listAuditEvents(world.db, world.submitter, { actor: world.submitter.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(listAuditEvents(world.db, world.submitter, { type: "claim.submitted" }))).code).toBe("FORBIDDEN");
    // Their own claim's events, narrowed further, as before.
    const own = await listAuditEvents(world.db, world.submitter, { entity: `claim:${world.claimA.id}`, type: "claim.submitted" });
    expect(own.items.map((e) => e.type)).toEqual(["claim.submitted"]);
    expect((await rejection(listAuditEvents(world.db, world.otherSubmitter, { entity: `claim:${world.claimA.id}`, type: "claim.submitted" }))).code).toBe("NOT_FOUND");
  });

  it("a claim's timeline has its evidence items' events too, oldest first, and no other claim's", async () => {
    const { items, earlier } = await listClaimTimeline(world.db, world.submitter, world.claimA.id);
    expect(earlier).toBe(false);
    expect(seqs(items)).toEqual([...seqs(items)].sort((a, b) => a - b));
    expect(items[0].type).toBe("claim.submitted");
    const kinds = items.map((e) => `${e.type} ${e.entity.type}:${e.entity.id}`);
    expect(kinds).toContain(`evidence.added evidence:${world.item.id}`);
    expect(kinds).toContain(`evidence.sensitivity_marked evidence:${world.item.id}`);
    expect(kinds).toContain(`claim.assessed claim:${world.claimA.id}`);
    const ids = new Set(items.map((e) => e.entity.id));
    expect([...ids].sort()).toEqual([world.claimA.id, world.item.id].sort());
    // Bounded: the newest events, still oldest first.
    const two = await listClaimTimeline(world.db, world.reviewer, world.claimA.id, { limit: 2 });
    expect(two.earlier).toBe(true);
    expect(seqs(two.items)).toEqual(seqs(items).slice(-2));
    // Someone who cannot see the claim sees none of it.
    expect((await rejection(listClaimTimeline(world.db, world.otherSubmitter, world.claimA.id))).code).toBe("NOT_FOUND");
    expect((await rejection(listClaimTimeline(world.db, world.reviewer, "not-a-uuid"))).code).toBe("NOT_FOUND");
  });
});
