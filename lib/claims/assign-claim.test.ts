import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { assignClaim } from "./assign-claim";
import { getClaim } from "./get-claim";
import { listClaims } from "./list-claims";

describe.each(TEST_DRIVERS)("assignClaim on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor"] });

  it("assigns and unassigns, audits both, and the queue filters by assignee", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter, { title: "Assignable claim" });
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: claim.version });
    expect(claim.assignee).toEqual({ id: world.reviewer.id, name: world.reviewer.name });
    // The same assignee again: no new version, no empty event.
    const again = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: claim.version });
    expect(again.version).toBe(claim.version);
    const mine = await listClaims(db, world.reviewer, { assignee: world.reviewer.id });
    expect(mine.items.map((c) => c.id)).toEqual([claim.id]);
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: null, version: claim.version });
    expect(claim.assignee).toBeNull();
    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.filter((e) => e.type === "claim.assigned")).toHaveLength(2);
  });

  it("refuses a submitter as assignee or actor, a stale version and a closed claim, changing nothing", async () => {
    const { db } = world;
    const claim = await submitSample(db, world.submitter);
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: AppError) => `${e.code}:${e.details.guard ?? ""}`);
    expect(await code(assignClaim(db, world.reviewer, claim.id, { assigneeId: world.submitter.id, version: 1 }))).toBe("INVALID_STATE:assignee");
    expect(await code(assignClaim(db, world.submitter, claim.id, { assigneeId: world.reviewer.id, version: 1 }))).toBe("FORBIDDEN:");
    expect(await code(assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: 9 }))).toBe("CONFLICT:");
    const rejected = await transitionClaim(db, world.reviewer, claim.id, { action: "reject", version: 1, reason: "Out of scope." });
    expect(await code(assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: rejected.version }))).toBe("INVALID_STATE:state");
    const events = await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` });
    expect(events.items.map((e) => e.type)).toEqual(["claim.submitted", "claim.transitioned"]);
  });

  it("refuses to take a claim from its assignee without takeOver, naming them and changing nothing", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    claim = await assignClaim(db, world.editor, claim.id, { assigneeId: world.editor.id, version: claim.version });
    const assigned = () => listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` }).then((l) => l.items.filter((e) => e.type === "claim.assigned"));
    expect(await assigned()).toHaveLength(1);
    for (const input of [
      { assigneeId: world.reviewer.id, version: claim.version },
      { assigneeId: null, version: claim.version },
      { assigneeId: world.reviewer.id, version: claim.version, takeOver: false },
    ]) {
      const error = await assignClaim(db, world.reviewer, claim.id, input).then(() => null, (e: AppError) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(error!.code).toBe("CONFLICT");
      expect(error!.status).toBe(409);
      expect(error!.details.guard).toBe("takeover");
      expect(error!.message).toBe(`${world.editor.name} has this claim. Send takeOver: true to take it over.`);
    }
    // A stale version is still the stale answer, checked first.
    const stale = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: claim.version + 5 }).then(() => null, (e: AppError) => e);
    expect(stale?.code).toBe("CONFLICT");
    expect(stale?.details.guard).toBeUndefined();
    const unchanged = await getClaim(db, world.reviewer, claim.id);
    expect(unchanged.assignee).toEqual({ id: world.editor.id, name: world.editor.name });
    expect(unchanged.version).toBe(claim.version);
    expect(await assigned()).toHaveLength(1);
  });

  it("takes over with takeOver: true, and the event names whom it was taken from", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    claim = await assignClaim(db, world.editor, claim.id, { assigneeId: world.editor.id, version: claim.version });
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: claim.version, takeOver: true });
    expect(claim.assignee).toEqual({ id: world.reviewer.id, name: world.reviewer.name });
    // Releasing another's claim is a takeover too.
    claim = await assignClaim(db, world.editor, claim.id, { assigneeId: null, version: claim.version, takeOver: true });
    expect(claim.assignee).toBeNull();
    const events = (await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` })).items.filter((e) => e.type === "claim.assigned");
    const byActor = events.map((e) => ({ actor: e.actor?.id, data: e.data }));
    expect(byActor).toEqual(
      expect.arrayContaining([
        { actor: world.editor.id, data: { version: 2, changes: { assigneeId: { before: null, after: world.editor.id } } } },
        {
          actor: world.reviewer.id,
          data: { version: 3, changes: { assigneeId: { before: world.editor.id, after: world.reviewer.id } }, takenOverFrom: { id: world.editor.id, name: world.editor.name } },
        },
        {
          actor: world.editor.id,
          data: { version: 4, changes: { assigneeId: { before: world.reviewer.id, after: null } }, takenOverFrom: { id: world.reviewer.id, name: world.reviewer.name } },
        },
      ]),
    );
    expect(events).toHaveLength(3);
  });

  it("needs no takeOver to release one's own claim, assign an unassigned one or re-send the same assignee", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter);
    // Unassigned: anyone may give it to anyone.
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.editor.id, version: claim.version });
    expect(claim.assignee?.id).toBe(world.editor.id);
    // The same assignee again, sent by someone else: nothing is taken from anyone.
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.editor.id, version: claim.version });
    expect(claim.assignee?.id).toBe(world.editor.id);
    // The assignee gives it away or releases it.
    claim = await assignClaim(db, world.editor, claim.id, { assigneeId: world.reviewer.id, version: claim.version });
    expect(claim.assignee?.id).toBe(world.reviewer.id);
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: null, version: claim.version });
    expect(claim.assignee).toBeNull();
    const events = (await listAuditEvents(db, world.reviewer, { entity: `claim:${claim.id}` })).items.filter((e) => e.type === "claim.assigned");
    // Three: the same assignee again wrote nothing (no new version, no empty event).
    expect(events).toHaveLength(3);
    expect(events.some((e) => "takenOverFrom" in (e.data as object))).toBe(false);
  });
});
