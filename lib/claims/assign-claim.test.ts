import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { submitSample } from "@/lib/test/fixtures";
import { useTestWorld } from "@/lib/test/world";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { assignClaim } from "./assign-claim";
import { listClaims } from "./list-claims";

describe.each(TEST_DRIVERS)("assignClaim on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer"] });

  it("assigns and unassigns, audits both, and the queue filters by assignee", async () => {
    const { db } = world;
    let claim = await submitSample(db, world.submitter, { title: "Assignable claim" });
    claim = await assignClaim(db, world.reviewer, claim.id, { assigneeId: world.reviewer.id, version: claim.version });
    expect(claim.assignee).toEqual({ id: world.reviewer.id, name: world.reviewer.name });
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
});
