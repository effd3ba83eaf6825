import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claims } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-events";
import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import type { Actor } from "@/lib/auth/permissions";
import type { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { makeActor, submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { assignClaim } from "./assign-claim";
import { takeNextClaim } from "./take-next";

const refusal = (p: Promise<unknown>) => p.then(() => "taken", (e: AppError) => `${e.code}:${e.details?.guard ?? ""}`);

describe.each(TEST_DRIVERS)("takeNextClaim on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor", "admin"] });

  it("gives the caller the unassigned claim that has waited longest in the state, not the oldest submitted, and audits it via take_next", async () => {
    const { db } = world;
    // Submitted first, but rejected and reopened since: it entered triage last.
    let reopened = await submitSample(db, world.submitter, { kind: "video", title: "Submitted first, back in triage last" });
    const waiting = await submitSample(db, world.submitter, { kind: "video", title: "Waiting longest in triage" });
    const held = await submitSample(db, world.submitter, { kind: "video", title: "Someone else has it" });
    await assignClaim(db, world.editor, held.id, { assigneeId: world.editor.id, version: held.version });
    reopened = await transitionClaim(db, world.reviewer, reopened.id, { action: "reject", version: reopened.version, reason: "Wrong." });
    reopened = await transitionClaim(db, world.reviewer, reopened.id, { action: "reopen", version: reopened.version });
    await db.update(claims).set({ stateChangedAt: new Date(Date.now() - 86_400_000) }).where(eq(claims.id, waiting.id));

    const first = await takeNextClaim(db, world.reviewer, { kind: "video" });
    expect(first.id).toBe(waiting.id);
    expect(first.assignee).toEqual({ id: world.reviewer.id, name: world.reviewer.name });
    expect(first.version).toBe(waiting.version + 1);
    const second = await takeNextClaim(db, world.reviewer, { state: "triage", kind: "video" });
    expect(second.id).toBe(reopened.id);
    // The held claim is never taken from its assignee: nothing is left.
    expect(await refusal(takeNextClaim(db, world.reviewer, { kind: "video" }))).toBe("NOT_FOUND:none_left");

    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${waiting.id}` });
    const assigned = events.items.filter((e) => e.type === "claim.assigned");
    expect(assigned).toHaveLength(1);
    expect(assigned[0].data).toMatchObject({ via: "take_next", changes: { assigneeId: { before: null, after: world.reviewer.id } } });
    expect(assigned[0].actor?.id).toBe(world.reviewer.id);
  });

  it("refuses those who do not assign, a closed state and a bad body, taking nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter, { kind: "image" });
    expect(await refusal(takeNextClaim(db, world.submitter, { kind: "image" }))).toBe("FORBIDDEN:");
    expect(await refusal(takeNextClaim(db, world.admin, { kind: "image" }))).toBe("FORBIDDEN:");
    expect(await refusal(takeNextClaim(db, null, {}))).toBe("UNAUTHORIZED:");
    expect(await refusal(takeNextClaim(db, world.reviewer, { state: "published" }))).toBe("INVALID_STATE:state");
    expect(await refusal(takeNextClaim(db, world.reviewer, { state: "nowhere" }))).toBe("BAD_REQUEST:");
    expect(await refusal(takeNextClaim(db, world.reviewer, { kind: "image", extra: 1 }))).toBe("BAD_REQUEST:");
    expect(await refusal(takeNextClaim(db, world.reviewer, null))).toBe("BAD_REQUEST:");
    const [row] = await db.select({ assigneeId: claims.assigneeId, version: claims.version }).from(claims).where(eq(claims.id, claim.id));
    expect(row).toEqual({ assigneeId: null, version: claim.version });
  });

  it("20 concurrent takes by five people: each claim once, the rest told none is left, and the chain verifies", async () => {
    const { db } = world;
    const takers: Actor[] = [world.reviewer, world.editor, await makeActor(db, "reviewer"), await makeActor(db, "reviewer"), await makeActor(db, "editor")];
    const pool = [];
    for (let i = 0; i < 12; i++) pool.push(await submitSample(db, world.submitter, { kind: "statement", title: `Concurrent ${i}` }));
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => takeNextClaim(db, takers[i % takers.length], { kind: "statement" })));

    const taken = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.id] : []));
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [`${(o.reason as AppError).code}:${(o.reason as AppError).details?.guard}`] : []));
    expect(new Set(taken).size, "no claim given twice").toBe(taken.length);
    expect(taken.sort()).toEqual(pool.map((c) => c.id).sort());
    expect(refused).toEqual(Array(8).fill("NOT_FOUND:none_left"));

    // Each claim has one assignee, the one its single event names.
    const rows = await db.select({ id: claims.id, assigneeId: claims.assigneeId, version: claims.version }).from(claims).where(inArray(claims.id, taken));
    for (const row of rows) {
      const events = (await listAuditEvents(db, world.reviewer, { entity: `claim:${row.id}` })).items.filter((e) => e.type === "claim.assigned");
      expect(events).toHaveLength(1);
      expect(events[0].actor?.id).toBe(row.assigneeId);
      expect(row.version).toBe(2);
    }
    expect((await verifyAuditChainUnchecked(db)).ok).toBe(true);
  });
});
